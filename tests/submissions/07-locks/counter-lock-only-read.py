# replaces: locks-counter
# expect: lose locks-counter-test-count locks-counter-test-exclusive
# message: lost|same count
# The lock covers the read only, released before the write.
import threading


class Counter:
    def __init__(self, store):
        self.store = store
        self.lock = threading.Lock()

    def increment(self):
        with self.lock:
            value = self.store.read()
        self.store.write(value + 1)
