# replaces: subclassing-greeter
# expect: lose subclassing-greeter-test-run
# message: not in the Greeter's own new thread
# Wrong (mistake 10): the message is set in an overridden start(), in the caller's thread; run() is empty.
import threading
from threading import Thread


class Greeter(Thread):
    """A thread that greets from itself: sets self.message when it runs."""

    def __init__(self, greeting, name=None):
        """Keep the greeting; let Thread set itself up with the given name."""
        super().__init__(name=name)
        self.greeting = greeting

    def start(self):
        self.message = f"{self.greeting} from {self.name}"
        super().start()

    def run(self):
        """Runs in the new thread: set self.message."""
        pass  # the greeting was prepared in start()
