# replaces: subclassing-resultthread
# expect: lose subclassing-resultthread-test-exception
# message: returned normally although the target raised
# Mistake 25: the exception is caught in run() and then forgotten; result() returns None.
class ResultThread(Thread):
    def __init__(self, target, args=(), kwargs=None, *, name=None, daemon=None):
        super().__init__(name=name, daemon=daemon)
        self.call = (target, args, kwargs or {})
        self.value = None

    def run(self):
        target, args, kwargs = self.call
        try:
            self.value = target(*args, **kwargs)
        except Exception:
            pass

    def result(self):
        self.join()
        return self.value
