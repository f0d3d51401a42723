# replaces: pools-workers
# expect: lose pools-workers-test-errors
# message: exception object
# Appends the formatted traceback text, not the exception.
import queue
import threading
import traceback


class WorkerPool:
    """A fixed number of worker threads running tasks from a Queue."""

    def __init__(self, workers):
        self.tasks = queue.Queue()
        self.errors = []
        self.threads = []
        for _ in range(workers):
            t = threading.Thread(target=self._work)
            t.start()
            self.threads.append(t)

    def submit(self, func, *args):
        """Queue func(*args) to run on some worker; return at once."""
        self.tasks.put((func, args))

    def _work(self):
        """What each worker thread runs: tasks until a sentinel; a task's exception goes to self.errors."""
        while True:
            task = self.tasks.get()
            if task is None:
                break
            func, args = task
            try:
                func(*args)
            except Exception:
                self.errors.append(traceback.format_exc())   # keep the whole traceback for the log

    def shutdown(self):
        """Let queued tasks finish, then stop and join every worker."""
        for _ in self.threads:
            self.tasks.put(None)
        for t in self.threads:
            t.join()
