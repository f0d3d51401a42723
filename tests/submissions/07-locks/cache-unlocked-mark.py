# replaces: locks-cache
# expect: lose locks-cache-test-once
# message: check-then-act
# may lose: locks-cache-test-basic
# Marks the key with a Future but without a lock: CPython rarely switches between get() and the store, the test's keys do.
from concurrent.futures import Future


class Cache:
    def __init__(self, compute):
        self.compute = compute
        self.futures = {}

    def get(self, key):
        future = self.futures.get(key)
        if future is None:
            future = self.futures[key] = Future()
            future.set_result(self.compute(key))
        return future.result()
