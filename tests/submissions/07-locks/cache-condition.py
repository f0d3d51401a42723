# replaces: locks-cache
# expect: full
# Correct, differently: a Condition; waiters wait_for the value, the computing thread notifies.
import threading


class Cache:
    def __init__(self, compute):
        self.compute = compute
        self.values = {}
        self.busy = set()
        self.changed = threading.Condition()

    def get(self, key):
        with self.changed:
            self.changed.wait_for(lambda: key not in self.busy)
            if key in self.values:
                return self.values[key]
            self.busy.add(key)
        value = self.compute(key)
        with self.changed:
            self.values[key] = value
            self.busy.discard(key)
            self.changed.notify_all()
        return value
