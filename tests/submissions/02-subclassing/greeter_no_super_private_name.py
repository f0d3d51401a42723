# replaces: subclassing-greeter
# expect: lose subclassing-greeter-test-message subclassing-greeter-test-init subclassing-greeter-test-run
# message: super\(\)\.__init__
# Wrong (mistake 9): Thread.__init__ is never called (the name is stored by hand in _name): start() raises RuntimeError.
import threading
from threading import Thread


class Greeter(Thread):
    """A thread that greets from itself: sets self.message when it runs."""

    def __init__(self, greeting, name=None):
        """Keep the greeting; let Thread set itself up with the given name."""
        self.greeting = greeting
        self._name = name

    def run(self):
        """Runs in the new thread: set self.message."""
        self.message = f"{self.greeting} from {threading.current_thread().name}"
