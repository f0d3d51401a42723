# replaces: basics-launch
# expect: full
# Different but correct: args may be any sequence, [value] passes value as one argument.
import threading


def launch(func, value):
    """Start func(value) in a new thread and return that thread, still running."""
    thread = threading.Thread(target=func, args=[value], kwargs={})
    thread.start()
    return thread
