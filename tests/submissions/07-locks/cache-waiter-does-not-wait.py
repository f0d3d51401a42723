# replaces: locks-cache
# expect: lose locks-cache-test-basic locks-cache-test-once
# message: returned|wait for that value|expected
# Marks the key as pending, but a thread that finds it pending returns None instead of waiting.
import threading


class Cache:
    def __init__(self, compute):
        self.compute = compute
        self.values = {}
        self.pending = set()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            if key in self.values or key in self.pending:
                return self.values.get(key)
            self.pending.add(key)
        value = self.compute(key)
        with self.lock:
            self.values[key] = value
        return value
