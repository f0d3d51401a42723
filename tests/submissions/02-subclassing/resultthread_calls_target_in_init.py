# replaces: subclassing-resultthread
# expect: lose subclassing-resultthread-test-value
# message: not in the ResultThread's own thread
# Wrong: the target is called in __init__, in the caller's thread; the new thread does nothing.
from threading import Thread


class ResultThread(Thread):
    """A thread that keeps what its target returned, or the exception it raised."""

    def __init__(self, target, args=(), kwargs=None, *, name=None, daemon=None):
        """Set up the Thread; remember the call for run()."""
        super().__init__(name=name, daemon=daemon)
        self.value = None
        self.error = None
        try:
            self.value = target(*args, **(kwargs or {}))
        except Exception as exc:
            self.error = exc

    def run(self):
        """Runs in the new thread: call the target, keep its value or its exception."""
        return self.value

    def result(self):
        """Wait for the thread; return the target's value or raise its exception."""
        self.join()
        if self.error is not None:
            raise self.error
        return self.value
