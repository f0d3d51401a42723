# replaces: locks-counter
# expect: lose locks-counter-test-raises
# message: never released|with lock
# acquire() and release() without try/finally: an exception leaves the lock held.
import threading


class Counter:
    def __init__(self, store):
        self.store = store
        self.lock = threading.Lock()

    def increment(self):
        self.lock.acquire()
        self.store.write(self.store.read() + 1)
        self.lock.release()
