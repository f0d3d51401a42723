# replaces: locks-cache
# expect: lose locks-cache-test-keys
# message: waited while compute
# One lock held while compute runs: correct values, but every key waits for every other.
import threading


class Cache:
    def __init__(self, compute):
        self.compute = compute
        self.values = {}
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            if key not in self.values:
                self.values[key] = self.compute(key)
            return self.values[key]
