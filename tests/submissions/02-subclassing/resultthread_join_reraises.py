# replaces: subclassing-resultthread
# expect: full
# Correct, written differently: Thread keeps target/args/kwargs, join() re-raises, result() is join() plus the value.
class ResultThread(Thread):
    _outcome = None

    def __init__(self, target, args=(), kwargs=None, **options):
        super().__init__(target=target, args=args, kwargs=kwargs, **options)

    def run(self):
        try:
            self._outcome = ("value", self._target(*self._args, **self._kwargs))
        except BaseException as exc:
            self._outcome = ("error", exc)
        finally:
            del self._target, self._args, self._kwargs

    def join(self, timeout=None):
        super().join(timeout)
        if not self.is_alive() and self._outcome and self._outcome[0] == "error":
            raise self._outcome[1]

    def result(self):
        self.join()
        return self._outcome[1]
