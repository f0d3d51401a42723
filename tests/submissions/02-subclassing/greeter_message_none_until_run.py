# replaces: subclassing-greeter
# expect: full
# Correct: self.message = None in __init__ (as the course's ResultThread does), the real message made in run();
# Thread.__init__(self, name=name) is the explicit form of super().__init__. (The old tests failed it on hasattr.)
import threading
from threading import Thread


class Greeter(Thread):
    """A thread that greets from itself: sets self.message when it runs."""

    def __init__(self, greeting, name=None):
        """Keep the greeting; let Thread set itself up with the given name."""
        Thread.__init__(self, name=name)
        self.greeting = greeting
        self.message = None  # filled in by run()

    def run(self):
        """Runs in the new thread: set self.message."""
        me = threading.current_thread()
        self.message = f"{self.greeting} from {me.name}"
