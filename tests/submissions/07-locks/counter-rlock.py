# replaces: locks-counter
# expect: full
# Correct, differently: an RLock, taken with acquire/try/finally.
import threading


class Counter:
    def __init__(self, store):
        self.store = store
        self.lock = threading.RLock()

    def increment(self):
        self.lock.acquire()
        try:
            value = self.store.read()
            self.store.write(value + 1)
        finally:
            self.lock.release()
