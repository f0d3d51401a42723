# replaces: pools-workers
# expect: lose pools-workers-test-concurrent pools-workers-test-errors
# message: caller
# submit() calls func(*args) itself and queues its return value: tasks run in the caller, one by one.
import queue
import threading


class WorkerPool:
    """A fixed number of worker threads running tasks from a Queue."""

    def __init__(self, workers):
        self.q = queue.Queue()
        self.errors = []
        self.threads = [threading.Thread(target=self._work) for _ in range(workers)]
        for t in self.threads:
            t.start()

    def submit(self, func, *args):
        """Queue func(*args) to run on some worker; return at once."""
        self.q.put(func(*args))

    def _work(self):
        """What each worker thread runs: tasks until a sentinel; a task's exception goes to self.errors."""
        while True:
            task = self.q.get()
            if task is None:
                return
            try:
                task()
            except Exception as e:
                self.errors.append(e)

    def shutdown(self):
        """Let queued tasks finish, then stop and join every worker."""
        for _ in self.threads:
            self.q.put(None)
        for t in self.threads:
            t.join()
