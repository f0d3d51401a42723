# replaces: subclassing-greeter
# expect: lose subclassing-greeter-test-init
# message: without a name, Thread should choose
# Wrong: the default name is a fixed 'Greeter'; with name=None Thread must pick 'Thread-N' itself.
import threading
from threading import Thread


class Greeter(Thread):
    """A thread that greets from itself: sets self.message when it runs."""

    def __init__(self, greeting, name="Greeter"):
        """Keep the greeting; let Thread set itself up with the given name."""
        super().__init__(name=name)
        self.greeting = greeting

    def run(self):
        """Runs in the new thread: set self.message."""
        self.message = f"{self.greeting} from {threading.current_thread().name}"
