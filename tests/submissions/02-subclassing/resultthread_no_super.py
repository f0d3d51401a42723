# replaces: subclassing-resultthread
# expect: lose subclassing-resultthread-test-value subclassing-resultthread-test-waits subclassing-resultthread-test-exception subclassing-resultthread-test-args
# message: super\(\)\.__init__
# Mistake 9: __init__ overridden without super().__init__().
class ResultThread(Thread):
    def __init__(self, target, args=(), kwargs=None, *, name=None, daemon=None):
        self.call = (target, args, kwargs or {})
        self.value = self.error = None

    def run(self):
        target, args, kwargs = self.call
        try:
            self.value = target(*args, **kwargs)
        except BaseException as exc:
            self.error = exc

    def result(self):
        self.join()
        if self.error is not None:
            raise self.error
        return self.value
