# replaces: subclassing-parallel-sum
# expect: lose subclassing-parallel-sum-test-total
# message: still being summed
# Mistake 7: join(timeout=1) on each PartSum, then the totals are added up whether or not the threads finished.
class PartSum(Thread):
    def __init__(self, part):
        super().__init__()
        self.part = part
        self.total = 0
        self.error = None

    def run(self):
        try:
            self.total = sum(self.part)
        except Exception as exc:
            self.error = exc


def parallel_sum(parts):
    threads = [PartSum(part) for part in parts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=1)
    for thread in threads:
        if thread.error is not None:
            raise thread.error
    return sum(thread.total for thread in threads)
