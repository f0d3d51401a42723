# replaces: pools-workers
# expect: full
# Correct, written differently: a ThreadPoolExecutor of `workers` threads runs the _work() loops; shutdown(wait=True) joins them.
import queue
from concurrent.futures import ThreadPoolExecutor


class WorkerPool:
    """A fixed number of worker threads running tasks from a Queue."""

    def __init__(self, workers):
        self.errors = []
        self._tasks = queue.Queue()
        self._workers = workers
        self._threads = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="worker")
        for _ in range(workers):
            self._threads.submit(self._work)    # each long-running _work() gets a thread of its own

    def submit(self, func, *args):
        """Queue func(*args) to run on some worker; return at once."""
        self._tasks.put((func, args))

    def _work(self):
        """What each worker thread runs: tasks until a sentinel; a task's exception goes to self.errors."""
        while (task := self._tasks.get()) is not None:
            func, args = task
            try:
                func(*args)
            except Exception as exc:
                self.errors.append(exc)

    def shutdown(self):
        """Let queued tasks finish, then stop and join every worker."""
        for _ in range(self._workers):
            self._tasks.put(None)               # behind every queued task
        self._threads.shutdown(wait=True)       # joins the worker threads
