# replaces: basics-beat
# expect: lose basics-beat-test-in-turn
# message: join the last thread too
# Joins each previous thread, but never the last: beat() returns while the last call runs.
import threading


def beat(func, times):
    """Run func() `times` times, each in its own thread beat-<i>, one after another; return the threads."""
    threads = []
    for i in range(times):
        if threads:
            threads[-1].join()  # the previous beat must be over before the next starts
        t = threading.Thread(target=func, name=f"beat-{i}")
        t.start()
        threads.append(t)
    return threads
