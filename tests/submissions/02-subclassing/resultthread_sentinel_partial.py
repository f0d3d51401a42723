# replaces: subclassing-resultthread
# expect: full
# Correct: the call frozen with functools.partial (not run in __init__); a sentinel tells 'no error'; result() joins.
import functools
from threading import Thread

_NO_ERROR = object()


class ResultThread(Thread):
    """A thread that keeps what its target returned, or the exception it raised."""

    def __init__(self, target, args=(), kwargs=None, *, name=None, daemon=None):
        """Set up the Thread; remember the call for run()."""
        super().__init__(name=name, daemon=daemon)
        self._work = functools.partial(target, *args, **(kwargs or {}))
        self._value = None
        self._error = _NO_ERROR

    def run(self):
        """Runs in the new thread: call the target, keep its value or its exception."""
        try:
            self._value = self._work()
        except BaseException as exc:
            self._error = exc
        finally:
            del self._work  # like Thread.run(): drop references to the call

    def result(self):
        """Wait for the thread; return the target's value or raise its exception."""
        self.join()
        if self._error is not _NO_ERROR:
            raise self._error
        return self._value
