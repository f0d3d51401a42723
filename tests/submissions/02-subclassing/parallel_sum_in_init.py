# replaces: subclassing-parallel-sum
# expect: lose subclassing-parallel-sum-test-concurrent
# message: three different threads
# The sum is computed in __init__, in the caller's thread: the threads have nothing left to do.
class PartSum(Thread):
    def __init__(self, part):
        super().__init__()
        self.error = None
        try:
            self.total = sum(part)
        except Exception as exc:
            self.total, self.error = 0, exc


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
