# replaces: subclassing-parallel-sum
# expect: lose subclassing-parallel-sum-test-concurrent subclassing-parallel-sum-test-error
# message: three different threads|had been summed
# Wrong: list(part) in __init__ iterates the part in the caller, one part after another; a failing part raises
# there at once, before the other parts are even summed.
from threading import Thread


class PartSum(Thread):
    """A thread that sums one part into self.total (and keeps any exception)."""

    def __init__(self, part):
        """Set up the Thread; keep the part."""
        super().__init__()
        self.part = list(part)  # iterate it once, as asked
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
    threads = [PartSum(part) for part in parts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for t in threads:
        if t.error is not None:
            raise t.error
    return sum(t.total for t in threads)
