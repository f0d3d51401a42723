# replaces: pools-workers
# expect: full
# Correct, written differently: q.join() (task_done in a finally), then one sentinel per worker, then join.
import queue
import threading


class WorkerPool:
    """A fixed number of worker threads running tasks from a Queue."""

    def __init__(self, workers):
        self.queue = queue.Queue()
        self.errors = []
        self.threads = []
        for n in range(workers):
            thread = threading.Thread(target=self._work, name=f"worker-{n}")
            thread.start()
            self.threads.append(thread)

    def submit(self, func, *args):
        """Queue func(*args) to run on some worker; return at once."""
        self.queue.put((func, args))

    def _work(self):
        """What each worker thread runs: tasks until a sentinel; a task's exception goes to self.errors."""
        while True:
            task = self.queue.get()
            try:
                if task is None:
                    return
                func, args = task
                try:
                    func(*args)
                except Exception as error:
                    self.errors.append(error)
            finally:
                self.queue.task_done()

    def shutdown(self):
        """Let queued tasks finish, then stop and join every worker."""
        self.queue.join()
        for _ in self.threads:
            self.queue.put(None)
        for thread in self.threads:
            thread.join()
