# replaces: basics-beat
# expect: lose basics-beat-test-in-turn
# message: ran at the same time
# A fixed pause instead of join(): a call longer than the pause overlaps the next one.
import threading
import time


def beat(func, times):
    """Run func() `times` times, each in its own thread beat-<i>, one after another; return the threads."""
    threads = []
    for i in range(times):
        t = threading.Thread(target=func, name=f"beat-{i}")
        t.start()
        threads.append(t)
        time.sleep(0.05)  # one beat: leave the thread time to finish
    return threads
