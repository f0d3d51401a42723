# replaces: basics-launch
# expect: lose basics-launch-test-new-thread basics-launch-test-args
# message: kept calling is_alive\(\)
# Spins until is_alive(): once a quick func has finished, that never comes, so launch() never returns (and burns the CPU meanwhile).
import threading


def launch(func, value):
    """Start func(value) in a new thread and return that thread, still running."""
    thread = threading.Thread(target=func, args=(value,))
    thread.start()
    while not thread.is_alive():  # the docstring says "still running": wait until it is
        pass
    return thread
