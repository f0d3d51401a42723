# replaces: subclassing-resultthread
# expect: lose subclassing-resultthread-test-waits
# message: still running
# Wrong: result() waits for an Event set at the end of run(), so it can answer while the thread is still
# alive; the spec says result() waits until the thread has finished (as join() does). Was marked correct.
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
