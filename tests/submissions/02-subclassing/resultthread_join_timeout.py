# replaces: subclassing-resultthread
# expect: lose subclassing-resultthread-test-waits
# message: still running
# Wrong (mistake 7): join(timeout=1) gives up after a second and hands back whatever is there.
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
        self.join(timeout=1)  # don't block forever
        if self.error is not None:
            raise self.error
        return self.value
