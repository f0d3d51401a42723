# replaces: locks-cache
# expect: full
# Correct, differently: a Future per key; the first thread computes it, the others wait on result().
import threading
from concurrent.futures import Future


class Cache:
    def __init__(self, compute):
        self.compute = compute
        self.futures = {}
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            future = self.futures.get(key)
            mine = future is None
            if mine:
                future = self.futures[key] = Future()
        if mine:
            future.set_result(self.compute(key))
        return future.result()
