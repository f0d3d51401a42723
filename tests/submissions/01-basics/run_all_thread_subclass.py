# replaces: basics-run-all
# expect: full
# Different but correct: one Thread subclass per item, all started, then all joined.
import threading


class ItemThread(threading.Thread):
    def __init__(self, func, item):
        super().__init__()
        self.func = func
        self.item = item

    def run(self):
        self.func(self.item)


def run_all(func, items):
    """Call func(item) for each item, each in its own thread, all at once; return when all are done."""
    threads = [ItemThread(func, item) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return None
