# replaces: pools-workers
# expect: lose pools-workers-test-errors
# message: task_done
# task_done() is skipped for a task that raised: shutdown()'s q.join() never returns.
import queue
import threading


class WorkerPool:
    """A fixed number of worker threads running tasks from a Queue."""

    def __init__(self, workers):
        self.tasks = queue.Queue()
        self.errors = []
        self.threads = [threading.Thread(target=self._work) for _ in range(workers)]
        for t in self.threads:
            t.start()

    def submit(self, func, *args):
        """Queue func(*args) to run on some worker; return at once."""
        self.tasks.put((func, args))

    def _work(self):
        """What each worker thread runs: tasks until a sentinel; a task's exception goes to self.errors."""
        while True:
            task = self.tasks.get()
            if task is None:
                self.tasks.task_done()
                break
            func, args = task
            try:
                func(*args)
                self.tasks.task_done()
            except Exception as exc:
                self.errors.append(exc)

    def shutdown(self):
        """Let queued tasks finish, then stop and join every worker."""
        self.tasks.join()               # wait until every queued task has finished
        for _ in self.threads:
            self.tasks.put(None)
        for t in self.threads:
            t.join()
