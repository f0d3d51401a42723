# replaces: locks-counter
# expect: full
# Correct, differently: a Condition used as a lock, at class level.
import threading


class Counter:
    guard = threading.Condition()

    def __init__(self, store):
        self.store = store

    def increment(self):
        with Counter.guard:
            self.store.write(self.store.read() + 1)
