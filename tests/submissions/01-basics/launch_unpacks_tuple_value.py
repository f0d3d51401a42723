# replaces: basics-launch
# expect: lose basics-launch-test-args
# message: should call func\(\(1, 2\)\)
# A tuple value is unpacked: func(*value) instead of func(value).
import threading


def launch(func, value):
    """Start func(value) in a new thread and return that thread, still running."""
    # args must be a tuple: wrap value, unless it already is one
    args = value if isinstance(value, tuple) else (value,)
    thread = threading.Thread(target=func, args=args)
    thread.start()
    return thread
