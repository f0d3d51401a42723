# replaces: subclassing-parallel-sum
# expect: lose subclassing-parallel-sum-test-total subclassing-parallel-sum-test-concurrent subclassing-parallel-sum-test-error
# message: super\(\)\.__init__
# Mistake 9: PartSum.__init__ without super().__init__(): start() raises RuntimeError.
class PartSum(Thread):
    def __init__(self, part):
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
        thread.join()
    for thread in threads:
        if thread.error is not None:
            raise thread.error
    return sum(thread.total for thread in threads)
