# replaces: subclassing-parallel-sum
# expect: lose subclassing-parallel-sum-test-concurrent
# message: three different threads
# Wrong (mistake 1): run() called instead of start(): every part is summed in the caller, one after another.
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
    threads = [PartSum(part) for part in parts]
    for t in threads:
        t.run()
    errors = [t.error for t in threads if t.error is not None]
    if errors:
        raise errors[0]
    return sum(t.total for t in threads)
