# replaces: subclassing-resultthread
# expect: lose subclassing-resultthread-test-value subclassing-resultthread-test-waits subclassing-resultthread-test-args
# Mistake 11: run() calls the target but keeps nothing; result() has nothing to give back.
class ResultThread(Thread):
    def __init__(self, target, args=(), kwargs=None, *, name=None, daemon=None):
        super().__init__(target=target, args=args, kwargs=kwargs, name=name, daemon=daemon)

    def result(self):
        self.join()
        return getattr(self, "value", None)
