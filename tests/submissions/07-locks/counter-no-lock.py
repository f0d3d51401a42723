# replaces: locks-counter
# expect: lose locks-counter-test-count locks-counter-test-exclusive
# message: lost|same count
# Mistake 23: shared state without a lock; the read and the write race.
class Counter:
    def __init__(self, store):
        self.store = store

    def increment(self):
        self.store.write(self.store.read() + 1)
