# replaces: locks-counter
# expect: lose locks-counter-test-count locks-counter-test-exclusive
# message: lost|same count
# The lock covers the write only: two threads still read the same count.
import threading


class Counter:
    def __init__(self, store):
        self.store = store
        self.lock = threading.Lock()

    def increment(self):
        value = self.store.read()
        with self.lock:
            self.store.write(value + 1)
