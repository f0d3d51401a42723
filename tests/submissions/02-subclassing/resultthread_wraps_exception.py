# replaces: subclassing-resultthread
# expect: lose subclassing-resultthread-test-exception
# message: not the target's ValueError
# Wrong: result() raises a new RuntimeError (chained) instead of the target's own exception.
from threading import Thread


class ResultThread(Thread):
    """A thread that keeps what its target returned, or the exception it raised."""

    def __init__(self, target, args=(), kwargs=None, *, name=None, daemon=None):
        """Set up the Thread; remember the call for run()."""
        super().__init__(name=name, daemon=daemon)
        self.func = target
        self.func_args = args
        self.func_kwargs = kwargs or {}
        self.value = None
        self.error = None

    def run(self):
        """Runs in the new thread: call the target, keep its value or its exception."""
        try:
            self.value = self.func(*self.func_args, **self.func_kwargs)
        except Exception as exc:
            self.error = exc

    def result(self):
        """Wait for the thread; return the target's value or raise its exception."""
        self.join()
        if self.error is not None:
            raise RuntimeError(f"thread {self.name} failed: {self.error!r}") from self.error
        return self.value
