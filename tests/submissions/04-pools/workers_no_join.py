# replaces: pools-workers
# expect: lose pools-workers-test-shutdown
# message: while tasks were still running
# Mistake 19: shutdown() sends the sentinels but never joins: it returns while workers still run.
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
        for _ in self.threads:
            self.tasks.put(None)
