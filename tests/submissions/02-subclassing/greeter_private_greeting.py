# replaces: subclassing-greeter
# expect: full
# Correct: the spec names no attribute for the greeting, so a private self._greeting is as good.
import threading
from threading import Thread


class Greeter(Thread):
    """A thread that greets from itself: sets self.message when it runs."""

    def __init__(self, greeting, name=None):
        """Keep the greeting; let Thread set itself up with the given name."""
        super().__init__(name=name)
        self._greeting = greeting

    def run(self):
        """Runs in the new thread: set self.message."""
        self.message = "{} from {}".format(self._greeting, threading.current_thread().name)
