# replaces: locks-cache
# expect: lose locks-cache-test-basic locks-cache-test-once
# message: check-then-act|ran 2 times|called compute
# dict.setdefault is atomic, but its argument, compute(key), is evaluated on every call.
class Cache:
    def __init__(self, compute):
        self.compute = compute
        self.values = {}

    def get(self, key):
        return self.values.setdefault(key, self.compute(key))
