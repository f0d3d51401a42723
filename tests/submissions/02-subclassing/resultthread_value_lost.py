# replaces: subclassing-resultthread
# expect: lose subclassing-resultthread-test-value subclassing-resultthread-test-waits subclassing-resultthread-test-exception subclassing-resultthread-test-args
# message: returned None|escaped run\(\)
# Mistake 11: Thread.run() calls the target but keeps nothing (and lets its exception escape); result() has nothing to give back.
class ResultThread(Thread):
    def __init__(self, target, args=(), kwargs=None, *, name=None, daemon=None):
        super().__init__(target=target, args=args, kwargs=kwargs, name=name, daemon=daemon)

    def result(self):
        self.join()
        return getattr(self, "value", None)
