# replaces: subclassing-resultthread
# expect: lose subclassing-resultthread-test-exception
# message: returned normally although the target raised
# Wrong: the exception object is returned instead of raised.
from threading import Thread


class ResultThread(Thread):
    """A thread that keeps what its target returned, or the exception it raised."""

    def __init__(self, target, args=(), kwargs=None, *, name=None, daemon=None):
        """Set up the Thread; remember the call for run()."""
        super().__init__(name=name, daemon=daemon)
        self.func = target
        self.func_args = args
        self.func_kwargs = kwargs or {}
        self.outcome = None

    def run(self):
        """Runs in the new thread: call the target, keep its value or its exception."""
        try:
            self.outcome = self.func(*self.func_args, **self.func_kwargs)
        except Exception as exc:
            self.outcome = exc  # the outcome, whichever it was

    def result(self):
        """Wait for the thread; return the target's value or raise its exception."""
        self.join()
        return self.outcome
