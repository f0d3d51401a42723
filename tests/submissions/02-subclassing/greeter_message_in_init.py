# replaces: subclassing-greeter
# expect: lose subclassing-greeter-test-run
# message: not in the Greeter's own new thread
# Wrong: the message is built and stored in __init__, in the caller's thread; run() only prints it.
import threading
from threading import Thread


class Greeter(Thread):
    """A thread that greets from itself: sets self.message when it runs."""

    def __init__(self, greeting, name=None):
        """Keep the greeting; let Thread set itself up with the given name."""
        super().__init__(name=name)
        self.greeting = greeting
        self.message = f"{greeting} from {self.name}"

    def run(self):
        """Runs in the new thread: set self.message."""
        print(self.message)
