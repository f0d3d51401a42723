# replaces: subclassing-parallel-sum
# expect: lose subclassing-parallel-sum-test-concurrent
# message: did not run at the same time
# Wrong (mistake 5): each PartSum is joined right after start(), so the parts are summed one at a time.
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
            self.total = sum(self.part)
        except Exception as exc:
            self.error = exc


def parallel_sum(parts):
    """Sum every part in its own PartSum thread, all at once; return the grand total."""
    total = 0
    error = None
    for part in parts:
        t = PartSum(part)
        t.start()
        t.join()
        if t.error is not None and error is None:
            error = t.error
        total += t.total
    if error is not None:
        raise error
    return total
