# replaces: basics-beat
# expect: lose basics-beat-test-fresh
# message: got their names only after start\(\)
# Names each thread after start(): func may already run under the name Thread-N.
import threading


def beat(func, times):
    """Run func() `times` times, each in its own thread beat-<i>, one after another; return the threads."""
    threads = []
    for i in range(times):
        t = threading.Thread(target=func)
        t.start()
        t.name = f"beat-{i}"
        t.join()
        threads.append(t)
    return threads
