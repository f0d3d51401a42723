# replaces: subclassing-greeter
# expect: full
# Correct: name=None reaches Thread (which picks Thread-N); extra Thread keywords are passed on too.
import threading
from threading import Thread


class Greeter(Thread):
    """A thread that greets from itself: sets self.message when it runs."""

    def __init__(self, greeting, name=None, **thread_kwargs):
        """Keep the greeting; let Thread set itself up with the given name."""
        super().__init__(name=name, **thread_kwargs)
        self.greeting = greeting

    def run(self):
        """Runs in the new thread: set self.message."""
        self.message = f"{self.greeting} from {threading.current_thread().name}"
