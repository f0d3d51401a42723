# replaces: locks-cache
# expect: lose locks-cache-test-basic locks-cache-test-once
# message: check-then-act
# Check-then-act with no lock: every thread that checks before the first store computes again.
class Cache:
    def __init__(self, compute):
        self.compute = compute
        self.values = {}

    def get(self, key):
        if key not in self.values:
            self.values[key] = self.compute(key)
        return self.values[key]
