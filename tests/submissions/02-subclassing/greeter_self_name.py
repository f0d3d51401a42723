# replaces: subclassing-greeter
# expect: full
# Correct: in the new thread current_thread() is self, so self.name read in run() is the same name.
import threading
from threading import Thread


class Greeter(Thread):
    """A thread that greets from itself: sets self.message when it runs."""

    def __init__(self, greeting, name=None):
        """Keep the greeting; let Thread set itself up with the given name."""
        super().__init__(name=name)
        self.greeting = greeting

    def run(self):
        """Runs in the new thread: set self.message."""
        self.message = f"{self.greeting} from {self.name}"
