# replaces: pools-workers
# expect: lose pools-workers-test-errors
# message: killed its worker
# Mistake 25: no try/except around the task: its exception kills the worker and vanishes.
class WorkerPool:
    def __init__(self, workers):
        self.tasks = queue.Queue()
        self.errors = []
        self.threads = [threading.Thread(target=self._work) for _ in range(workers)]
        for thread in self.threads:
            thread.start()

    def submit(self, func, *args):
        self.tasks.put((func, args))

    def _work(self):
        while (task := self.tasks.get()) is not None:
            func, args = task
            func(*args)

    def shutdown(self):
        for _ in self.threads:
            self.tasks.put(None)
        for thread in self.threads:
            thread.join()
