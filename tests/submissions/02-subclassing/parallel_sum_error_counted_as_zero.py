# replaces: subclassing-parallel-sum
# expect: lose subclassing-parallel-sum-test-error
# message: returned normally although a part raised
# Wrong: a failed part counts as 0 and its exception is only printed; parallel_sum never raises it.
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
            self.total = 0
            print(f"{self.name}: could not sum part: {exc!r}")


def parallel_sum(parts):
    """Sum every part in its own PartSum thread, all at once; return the grand total."""
    threads = [PartSum(part) for part in parts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(t.total for t in threads)
