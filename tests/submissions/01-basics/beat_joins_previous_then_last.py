# replaces: basics-beat
# expect: full
# Different but correct: joins the previous thread before starting the next, and the last one before returning.
import threading


def beat(func, times):
    """Run func() `times` times, each in its own thread beat-<i>, one after another; return the threads."""
    threads = []
    previous = None
    for i in range(times):
        if previous is not None:
            previous.join()
        previous = threading.Thread(target=func, name=f"beat-{i}")
        previous.start()
        threads.append(previous)
    if previous is not None:
        previous.join()
    return threads
