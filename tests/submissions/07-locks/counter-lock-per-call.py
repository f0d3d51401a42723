# replaces: locks-counter
# expect: lose locks-counter-test-count locks-counter-test-exclusive
# message: lost|same count
# A new Lock on every call: nobody else ever waits for it.
import threading


class Counter:
    def __init__(self, store):
        self.store = store

    def increment(self):
        with threading.Lock():
            self.store.write(self.store.read() + 1)
