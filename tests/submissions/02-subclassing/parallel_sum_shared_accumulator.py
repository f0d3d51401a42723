# replaces: subclassing-parallel-sum
# expect: lose subclassing-parallel-sum-test-total
# message: its own self\.total
# Wrong (mistake 23): all PartSums add into one class-level total (unlocked); no PartSum holds its own part's sum.
from threading import Thread


class PartSum(Thread):
    """A thread that sums one part into self.total (and keeps any exception)."""

    grand_total = 0

    def __init__(self, part):
        """Set up the Thread; keep the part."""
        super().__init__()
        self.part = part
        self.error = None

    def run(self):
        """Runs in the new thread: sum the part, or keep the exception."""
        try:
            for x in self.part:
                current = PartSum.grand_total
                PartSum.grand_total = current + x
        except Exception as exc:
            self.error = exc

    @property
    def total(self):
        return PartSum.grand_total


def parallel_sum(parts):
    """Sum every part in its own PartSum thread, all at once; return the grand total."""
    PartSum.grand_total = 0
    threads = [PartSum(part) for part in parts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for t in threads:
        if t.error is not None:
            raise t.error
    return PartSum.grand_total
