# replaces: subclassing-parallel-sum
# expect: lose subclassing-parallel-sum-test-concurrent
# message: did not run at the same time
# join() inside the start loop: the parts are summed one after another.
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
    threads = []
    for part in parts:
        thread = PartSum(part)
        thread.start()
        thread.join()
        threads.append(thread)
    for thread in threads:
        if thread.error is not None:
            raise thread.error
    return sum(thread.total for thread in threads)
