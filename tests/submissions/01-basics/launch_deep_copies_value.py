# replaces: basics-launch
# expect: lose basics-launch-test-args
# message: got a copy
# func(value) gets a deep copy of value, not value itself.
import copy
import threading


def launch(func, value):
    """Start func(value) in a new thread and return that thread, still running."""
    # give the thread its own copy so it does not share state with the caller
    thread = threading.Thread(target=func, args=(copy.deepcopy(value),))
    thread.start()
    return thread
