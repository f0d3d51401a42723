# replaces: subclassing-greeter
# expect: lose subclassing-greeter-test-message subclassing-greeter-test-run
# message: current_thread\(\)\.name
# Wrong: current_thread().name is looked up in __init__ (the creating thread), so the message names the caller.
import threading
from threading import Thread


class Greeter(Thread):
    """A thread that greets from itself: sets self.message when it runs."""

    def __init__(self, greeting, name=None):
        """Keep the greeting; let Thread set itself up with the given name."""
        super().__init__(name=name)
        self.greeting = greeting
        self.sender = threading.current_thread().name

    def run(self):
        """Runs in the new thread: set self.message."""
        self.message = f"{self.greeting} from {self.sender}"
