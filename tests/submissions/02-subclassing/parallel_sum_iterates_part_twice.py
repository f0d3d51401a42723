# replaces: subclassing-parallel-sum
# expect: lose subclassing-parallel-sum-test-total
# message: only once
# Wrong: run() validates the numbers, then sums the same iterable again: a generator part sums to 0.
import numbers
from threading import Thread


class PartSum(Thread):
    """A thread that sums one part into self.total (and keeps any exception)."""

    def __init__(self, part):
        """Set up the Thread; keep the part."""
        super().__init__()
        self.part = part
        self.total = 0
        self.error = None

    def run(self):
        """Runs in the new thread: sum the part, or keep the exception."""
        try:
            if not all(isinstance(x, numbers.Number) for x in self.part):
                raise TypeError("a part must contain only numbers")
            self.total = sum(self.part)
        except Exception as exc:
            self.error = exc


def parallel_sum(parts):
    """Sum every part in its own PartSum thread, all at once; return the grand total."""
    threads = [PartSum(part) for part in parts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for t in threads:
        if t.error is not None:
            raise t.error
    return sum(t.total for t in threads)
