# replaces: pools-workers
# expect: lose pools-workers-test-shutdown
# message: still running
# Mistake 19: q.join() waits for the tasks and sentinels go out, but the daemon workers are never joined.
import queue
import threading


class WorkerPool:
    """A fixed number of worker threads running tasks from a Queue."""

    def __init__(self, workers):
        self.q = queue.Queue()
        self.errors = []
        self.n = workers
        for _ in range(workers):
            threading.Thread(target=self._work, daemon=True).start()

    def submit(self, func, *args):
        """Queue func(*args) to run on some worker; return at once."""
        self.q.put((func, args))

    def _work(self):
        """What each worker thread runs: tasks until a sentinel; a task's exception goes to self.errors."""
        while True:
            task = self.q.get()
            if task is None:
                self.q.task_done()
                return
            func, args = task
            try:
                func(*args)
            except Exception as e:
                self.errors.append(e)
            finally:
                self.q.task_done()

    def shutdown(self):
        """Let queued tasks finish, then stop and join every worker."""
        self.q.join()               # every queued task has finished
        for _ in range(self.n):
            self.q.put(None)        # the workers will now exit on their own
