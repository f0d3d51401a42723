# replaces: basics-beat
# expect: full
# Different but correct: every Thread made first, then each started and joined in turn.
import threading


def beat(func, times):
    """Run func() `times` times, each in its own thread beat-<i>, one after another; return the threads."""
    threads = [threading.Thread(target=func, name="beat-%d" % i) for i in range(times)]
    for t in threads:
        t.start()
        t.join()  # on purpose: one at a time
    return threads
