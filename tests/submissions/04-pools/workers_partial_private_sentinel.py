# replaces: pools-workers
# expect: full
# Correct, written differently: functools.partial tasks, an object() sentinel, BaseException caught, a lock around the append.
import functools
import queue
import threading

_STOP = object()


class WorkerPool:
    """A fixed number of worker threads running tasks from a Queue."""

    def __init__(self, workers):
        self.errors = []
        self._lock = threading.Lock()
        self._queue = queue.Queue()
        self._threads = [threading.Thread(target=self._work, name=f"pool-worker-{i}") for i in range(workers)]
        for thread in self._threads:
            thread.start()

    def submit(self, func, *args):
        """Queue func(*args) to run on some worker; return at once."""
        self._queue.put(functools.partial(func, *args))

    def _work(self):
        """What each worker thread runs: tasks until a sentinel; a task's exception goes to self.errors."""
        for task in iter(self._queue.get, _STOP):
            try:
                task()
            except BaseException as exc:    # whatever a task raises, this worker goes on
                with self._lock:
                    self.errors.append(exc)

    def shutdown(self):
        """Let queued tasks finish, then stop and join every worker."""
        for _ in self._threads:
            self._queue.put(_STOP)
        for thread in self._threads:
            thread.join()
