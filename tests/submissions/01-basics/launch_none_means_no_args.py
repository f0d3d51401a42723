# replaces: basics-launch
# expect: lose basics-launch-test-args
# message: should call func\(None\)
# launch(func, None) calls func() instead of func(None).
import threading


def launch(func, value):
    """Start func(value) in a new thread and return that thread, still running."""
    args = () if value is None else (value,)  # no value -> call func with no arguments
    thread = threading.Thread(target=func, args=args)
    thread.start()
    return thread
