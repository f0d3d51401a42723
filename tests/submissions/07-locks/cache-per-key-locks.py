# replaces: locks-cache
# expect: full
# Correct, differently: one lock per key (made under a lock for the table), held while that key computes.
import threading


class Cache:
    def __init__(self, compute):
        self.compute = compute
        self.values = {}
        self.key_locks = {}
        self.table = threading.Lock()

    def get(self, key):
        with self.table:
            key_lock = self.key_locks.setdefault(key, threading.Lock())
        with key_lock:
            if key not in self.values:
                self.values[key] = self.compute(key)
            return self.values[key]
