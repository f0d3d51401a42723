# replaces: basics-beat
# expect: lose basics-beat-test-in-turn
# message: ran at the same time
# join(0.1) gives up on a slower call and starts the next thread while it still runs.
import threading


def beat(func, times):
    """Run func() `times` times, each in its own thread beat-<i>, one after another; return the threads."""
    threads = []
    for i in range(times):
        t = threading.Thread(target=func, name=f"beat-{i}")
        t.start()
        t.join(timeout=0.1)  # don't let one stuck beat block the whole rhythm
        threads.append(t)
    return threads
