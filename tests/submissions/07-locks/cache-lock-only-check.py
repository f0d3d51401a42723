# replaces: locks-cache
# expect: lose locks-cache-test-basic locks-cache-test-once
# message: check-then-act
# The check is locked, the act is not: the lock is released between them.
import threading


class Cache:
    def __init__(self, compute):
        self.compute = compute
        self.values = {}
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            missing = key not in self.values
        if missing:
            value = self.compute(key)
            with self.lock:
                self.values[key] = value
        return self.values[key]
