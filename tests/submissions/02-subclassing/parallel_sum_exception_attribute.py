# replaces: subclassing-parallel-sum
# expect: full
# Correct: the exception is kept as self.exception (the spec names no attribute); the last failure is raised.
import threading


class PartSum(threading.Thread):
    """A thread that sums one part into self.total (and keeps any exception)."""

    def __init__(self, part):
        """Set up the Thread; keep the part."""
        threading.Thread.__init__(self)
        self._part = part
        self.total = 0
        self.exception = None

    def run(self):
        """Runs in the new thread: sum the part, or keep the exception."""
        try:
            self.total = sum(self._part, 0)
        except Exception as e:
            self.exception = e


def parallel_sum(parts):
    """Sum every part in its own PartSum thread, all at once; return the grand total."""
    threads = []
    for part in parts:
        t = PartSum(part)
        t.start()
        threads.append(t)
    grand_total = 0
    failure = None
    for t in threads:
        t.join()
        if t.exception is not None:
            failure = t.exception
        else:
            grand_total += t.total
    if failure is not None:
        raise failure
    return grand_total
