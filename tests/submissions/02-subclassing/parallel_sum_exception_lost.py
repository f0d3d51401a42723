# replaces: subclassing-parallel-sum
# expect: lose subclassing-parallel-sum-test-error
# message: escaped PartSum\.run\(\)
# Mistake 25: a part's exception escapes run(); parallel_sum never learns about it.
class PartSum(Thread):
    def __init__(self, part):
        super().__init__()
        self.part = part
        self.total = 0

    def run(self):
        self.total = sum(self.part)


def parallel_sum(parts):
    threads = [PartSum(part) for part in parts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(thread.total for thread in threads)
