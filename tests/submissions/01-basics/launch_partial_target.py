# replaces: basics-launch
# expect: full
# Different but correct: functools.partial(func, value) as the target.
import functools
import threading


def launch(func, value):
    """Start func(value) in a new thread and return that thread, still running."""
    thread = threading.Thread(target=functools.partial(func, value), name=f"launch-{getattr(func, '__name__', 'func')}")
    thread.start()
    return thread
