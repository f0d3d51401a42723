# replaces: basics-launch
# expect: lose basics-launch-test-no-wait
# message: joined the thread before returning it
# join(0.5) before returning: it still waits for func to finish, for up to 0.5 s.
import threading


def launch(func, value):
    """Start func(value) in a new thread and return that thread, still running."""
    thread = threading.Thread(target=func, args=(value,))
    thread.start()
    thread.join(0.5)  # give it a moment so the output lands in this cell; long calls keep running
    return thread
