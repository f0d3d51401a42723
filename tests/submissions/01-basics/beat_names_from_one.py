# replaces: basics-beat
# expect: lose basics-beat-test-fresh
# message: should be named beat-0, beat-1, beat-2
# The threads are named beat-1, beat-2, beat-3.
import threading


def beat(func, times):
    """Run func() `times` times, each in its own thread beat-<i>, one after another; return the threads."""
    threads = []
    for i in range(1, times + 1):
        t = threading.Thread(target=func, name=f"beat-{i}")
        t.start()
        t.join()
        threads.append(t)
    return threads
