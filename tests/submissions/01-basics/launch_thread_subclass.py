# replaces: basics-launch
# expect: full
# Different but correct: a Thread subclass whose run() calls func(value).
import threading


class _Call(threading.Thread):
    def __init__(self, func, value):
        super().__init__()
        self.func = func
        self.value = value

    def run(self):
        self.func(self.value)


def launch(func, value):
    """Start func(value) in a new thread and return that thread, still running."""
    thread = _Call(func, value)
    thread.start()
    return thread
