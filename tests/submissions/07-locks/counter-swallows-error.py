# replaces: locks-counter
# expect: lose locks-counter-test-raises
# message: reach its caller
# Catches the store's exception so that "the counter keeps working": the caller never learns.
import threading


class Counter:
    def __init__(self, store):
        self.store = store
        self.lock = threading.Lock()

    def increment(self):
        with self.lock:
            try:
                self.store.write(self.store.read() + 1)
            except Exception:
                pass
