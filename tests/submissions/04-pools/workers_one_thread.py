# replaces: pools-workers
# expect: lose pools-workers-test-concurrent
# message: never ran 3 tasks at once
# Mistake 16: a pool of one: a single worker runs every task one after another.
class WorkerPool:
    def __init__(self, workers):
        self.tasks = queue.Queue()
        self.errors = []
        self.thread = threading.Thread(target=self._work)
        self.thread.start()

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
        self.thread.join()
