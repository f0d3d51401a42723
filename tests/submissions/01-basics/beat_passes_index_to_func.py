# replaces: basics-beat
# expect: lose basics-beat-test-fresh
# message: with no arguments
# Calls func(i) instead of func().
import threading


def beat(func, times):
    """Run func() `times` times, each in its own thread beat-<i>, one after another; return the threads."""
    threads = []
    for i in range(times):
        t = threading.Thread(target=func, args=(i,), name=f"beat-{i}")
        t.start()
        t.join()
        threads.append(t)
    return threads
