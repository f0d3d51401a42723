# replaces: subclassing-resultthread
# expect: lose subclassing-resultthread-test-value
# message: finished without calling the target
# Wrong: run() does nothing; result() joins the idle thread, then calls the target itself, in the caller's thread.
class ResultThread(Thread):
    def __init__(self, target, args=(), kwargs=None, *, name=None, daemon=None):
        super().__init__(name=name, daemon=daemon)
        self._call = (target, args, kwargs or {})

    def run(self):
        pass

    def result(self):
        self.join()
        target, args, kwargs = self._call
        return target(*args, **kwargs)
