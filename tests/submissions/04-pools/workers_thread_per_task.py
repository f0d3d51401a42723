# replaces: pools-workers
# expect: lose pools-workers-test-concurrent
# message: 4 tasks ran at once
# Not a pool: submit() starts a new thread for every task, so any number run at once.
class WorkerPool:
    def __init__(self, workers):
        self.errors = []
        self.threads = []

    def submit(self, func, *args):
        thread = threading.Thread(target=self._work, args=(func, args))
        self.threads.append(thread)
        thread.start()

    def _work(self, func, args):
        try:
            func(*args)
        except Exception as exc:
            self.errors.append(exc)

    def shutdown(self):
        for thread in self.threads:
            thread.join()
