# replaces: subclassing-resultthread
# expect: lose subclassing-resultthread-test-value subclassing-resultthread-test-waits subclassing-resultthread-test-args
# message: returned None
# Wrong (mistake 11): self.value = super().run(), but Thread.run() drops the target's return value.
from threading import Thread


class ResultThread(Thread):
    """A thread that keeps what its target returned, or the exception it raised."""

    def __init__(self, target, args=(), kwargs=None, *, name=None, daemon=None):
        """Set up the Thread; remember the call for run()."""
        super().__init__(target=target, args=args, kwargs=kwargs, name=name, daemon=daemon)
        self.value = None
        self.error = None

    def run(self):
        """Runs in the new thread: call the target, keep its value or its exception."""
        try:
            self.value = super().run()
        except Exception as exc:
            self.error = exc

    def result(self):
        """Wait for the thread; return the target's value or raise its exception."""
        self.join()
        if self.error is not None:
            raise self.error
        return self.value
