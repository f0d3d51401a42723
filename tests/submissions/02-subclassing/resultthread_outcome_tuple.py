# replaces: subclassing-resultthread
# expect: full
# Correct: ('ok', value) / ('error', exc) kept, so falsy values work; catches Exception (the spec allows either).
import threading
from threading import Thread


class ResultThread(Thread):
    """A thread that keeps what its target returned, or the exception it raised."""

    def __init__(self, target, args=(), kwargs=None, *, name=None, daemon=None):
        """Set up the Thread; remember the call for run()."""
        Thread.__init__(self, name=name, daemon=daemon)
        self.target = target
        self.args = args
        self.kwargs = {} if kwargs is None else kwargs
        self.outcome = None

    def run(self):
        """Runs in the new thread: call the target, keep its value or its exception."""
        try:
            self.outcome = ("ok", self.target(*self.args, **self.kwargs))
        except Exception as exc:  # AMBIGUITY: BaseException (SystemExit, KeyboardInterrupt) is not kept
            self.outcome = ("error", exc)

    def result(self):
        """Wait for the thread; return the target's value or raise its exception."""
        self.join()
        kind, payload = self.outcome
        if kind == "error":
            raise payload
        return payload
