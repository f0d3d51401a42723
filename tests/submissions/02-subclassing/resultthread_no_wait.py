# replaces: subclassing-resultthread
# expect: lose subclassing-resultthread-test-waits
# message: still running
# result() does not wait for the thread: it answers with whatever is there yet.
class ResultThread(Thread):
    def __init__(self, target, args=(), kwargs=None, *, name=None, daemon=None):
        super().__init__(name=name, daemon=daemon)
        self.call = (target, args, kwargs or {})
        self.value = self.error = None

    def run(self):
        target, args, kwargs = self.call
        try:
            self.value = target(*args, **kwargs)
        except BaseException as exc:
            self.error = exc

    def result(self):
        if self.error is not None:
            raise self.error
        return self.value
