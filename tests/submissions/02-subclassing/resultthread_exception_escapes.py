# replaces: subclassing-resultthread
# expect: lose subclassing-resultthread-test-exception
# message: escaped run\(\)
# Mistake 25: the target's exception escapes run(): it is printed in the thread and the caller never sees it.
class ResultThread(Thread):
    def __init__(self, target, args=(), kwargs=None, *, name=None, daemon=None):
        super().__init__(name=name, daemon=daemon)
        self.call = (target, args, kwargs or {})
        self.value = None

    def run(self):
        target, args, kwargs = self.call
        self.value = target(*args, **kwargs)

    def result(self):
        self.join()
        return self.value
