# replaces: pools-workers
# expect: lose pools-workers-test-runs pools-workers-test-concurrent pools-workers-test-shutdown
# message: did not finish
# Mistakes 13/19: one sentinel for n workers; the other workers wait forever and shutdown() hangs.
class WorkerPool:
    def __init__(self, workers):
        self.tasks = queue.Queue()
        self.errors = []
        self.threads = [threading.Thread(target=self._work, daemon=True) for _ in range(workers)]
        for thread in self.threads:
            thread.start()

    def submit(self, func, *args):
        self.tasks.put((func, args))

    def _work(self):
        while (task := self.tasks.get()) is not None:
            func, args = task
            try:
                func(*args)
            except Exception as exc:
                self.errors.append(exc)

    def shutdown(self):
        self.tasks.put(None)
        for thread in self.threads:
            thread.join()
