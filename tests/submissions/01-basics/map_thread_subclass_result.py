# replaces: basics-map
# expect: full
# Different but correct: a Thread subclass per item keeps its result; read in the order made.
import threading


class MapThread(threading.Thread):
    def __init__(self, func, item):
        super().__init__()
        self.func = func
        self.item = item
        self.result = None

    def run(self):
        self.result = self.func(self.item)


def map_in_threads(func, items):
    """[func(item) for item in items], each call in its own thread, all at once."""
    threads = [MapThread(func, item) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [t.result for t in threads]
