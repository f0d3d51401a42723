# replaces: locks-counter
# expect: full
# Correct, differently: one Semaphore(1) for every counter, at module level.
import threading

guard = threading.Semaphore(1)


class Counter:
    def __init__(self, store):
        self.store = store

    def increment(self):
        with guard:
            self.store.write(self.store.read() + 1)
