# replaces: subclassing-resultthread
# expect: full
# Correct: run() completes a concurrent.futures.Future; result() joins, then Future.result() returns or raises.
from concurrent.futures import Future
from threading import Thread


class ResultThread(Thread):
    """A thread that keeps what its target returned, or the exception it raised."""

    def __init__(self, target, args=(), kwargs=None, *, name=None, daemon=None):
        """Set up the Thread; remember the call for run()."""
        super().__init__(name=name, daemon=daemon)
        self._call = (target, tuple(args), dict(kwargs or {}))
        self._future = Future()

    def run(self):
        """Runs in the new thread: call the target, keep its value or its exception."""
        target, args, kwargs = self._call
        try:
            value = target(*args, **kwargs)
        except BaseException as exc:
            self._future.set_exception(exc)
        else:
            self._future.set_result(value)

    def result(self):
        """Wait for the thread; return the target's value or raise its exception."""
        self.join()
        return self._future.result(timeout=0)
