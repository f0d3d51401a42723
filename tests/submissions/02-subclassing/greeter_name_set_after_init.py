# replaces: subclassing-greeter
# expect: lose subclassing-greeter-test-init
# message: without a name, Thread should choose
# Wrong: self.name = None after super().__init__() names the thread 'None' instead of letting Thread pick one.
import threading
from threading import Thread


class Greeter(Thread):
    """A thread that greets from itself: sets self.message when it runs."""

    def __init__(self, greeting, name=None):
        """Keep the greeting; let Thread set itself up with the given name."""
        super().__init__()
        self.greeting = greeting
        self.name = name

    def run(self):
        """Runs in the new thread: set self.message."""
        self.message = f"{self.greeting} from {threading.current_thread().name}"
