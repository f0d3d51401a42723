# replaces: subclassing-resultthread
# expect: full
# Correct, written differently: an Event says the outcome is ready; result() waits on it.
class ResultThread(Thread):
    def __init__(self, target, args=(), kwargs=None, *, name=None, daemon=None):
        super().__init__(name=name, daemon=daemon)
        self._call = lambda: target(*args, **(kwargs or {}))
        self._ready = threading.Event()
        self._box = {}

    def run(self):
        try:
            self._box["value"] = self._call()
        except Exception as exc:
            self._box["error"] = exc
        finally:
            self._ready.set()

    def result(self):
        self._ready.wait()
        if "error" in self._box:
            raise self._box["error"]
        return self._box["value"]
