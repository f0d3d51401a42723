# replaces: basics-beat
# expect: full
# Different but correct: a Thread subclass named beat-i, started and joined in a while loop.
import threading


class Beat(threading.Thread):
    def __init__(self, func, i):
        super().__init__(name=f"beat-{i}")
        self.func = func

    def run(self):
        self.func()


def beat(func, times):
    """Run func() `times` times, each in its own thread beat-<i>, one after another; return the threads."""
    threads = []
    i = 0
    while i < times:
        b = Beat(func, i)
        threads.append(b)
        b.start()
        b.join()
        i += 1
    return threads
