# replaces: basics-launch
# expect: lose basics-launch-test-new-thread basics-launch-test-no-wait basics-launch-test-args
# message: return the Thread it started|start the thread with thread\.start\(\) and return it
# Returns what start() returns, None, instead of the Thread.
import threading


def launch(func, value):
    """Start func(value) in a new thread and return that thread, still running."""
    return threading.Thread(target=func, args=(value,)).start()
