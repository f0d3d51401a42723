# replaces: subclassing-greeter
# expect: lose subclassing-greeter-test-message subclassing-greeter-test-init subclassing-greeter-test-run
# message: first parameter is group
# Wrong: super().__init__(name) passes the name as Thread's first parameter, group.
import threading
from threading import Thread


class Greeter(Thread):
    """A thread that greets from itself: sets self.message when it runs."""

    def __init__(self, greeting, name=None):
        """Keep the greeting; let Thread set itself up with the given name."""
        super().__init__(name)
        self.greeting = greeting

    def run(self):
        """Runs in the new thread: set self.message."""
        self.message = f"{self.greeting} from {threading.current_thread().name}"
