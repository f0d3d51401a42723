# replaces: basics-launch
# expect: full
# Different but correct: a lambda (no loop, so no late binding) calls func(value) in the new thread.
import threading


def launch(func, value):
    """Start func(value) in a new thread and return that thread, still running."""
    t = threading.Thread(target=lambda: func(value))
    t.start()
    return t
