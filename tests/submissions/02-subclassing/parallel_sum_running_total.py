# replaces: subclassing-parallel-sum
# expect: full
# Correct: adds into self.total as it iterates, keeps the exception, first failed part (in part order) re-raised.
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
            for number in self.part:
                self.total += number
        except Exception as exc:
            self.error = exc


def parallel_sum(parts):
    """Sum every part in its own PartSum thread, all at once; return the grand total."""
    workers = [PartSum(part) for part in parts]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for w in workers:
        if w.error is not None:
            raise w.error
    return sum(w.total for w in workers)
