# replaces: pools-workers
# expect: lose pools-workers-test-shutdown
# message: still in the queue
# may lose: pools-workers-test-runs
# A stop Event checked before each get(): the workers quit with tasks still queued.
import queue
import threading


class WorkerPool:
    """A fixed number of worker threads running tasks from a Queue."""

    def __init__(self, workers):
        self.tasks = queue.Queue()
        self.errors = []
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._work, name=f"worker-{i}") for i in range(workers)]
        for t in self.threads:
            t.start()

    def submit(self, func, *args):
        """Queue func(*args) to run on some worker; return at once."""
        self.tasks.put((func, args))

    def _work(self):
        """What each worker thread runs: tasks until a sentinel; a task's exception goes to self.errors."""
        while not self.stopping.is_set():
            try:
                func, args = self.tasks.get(timeout=0.05)
            except queue.Empty:
                continue
            try:
                func(*args)
            except Exception as exc:
                self.errors.append(exc)

    def shutdown(self):
        """Let queued tasks finish, then stop and join every worker."""
        self.stopping.set()
        for t in self.threads:
            t.join()
