# replaces: subclassing-parallel-sum
# expect: full
# Correct: one failing part -> that very exception after all joins; several -> an ExceptionGroup (the spec does
# not say which of several to raise, so no test has several failing parts).
from threading import Thread


class PartSum(Thread):
    """A thread that sums one part into self.total (and keeps any exception)."""

    def __init__(self, part):
        """Set up the Thread; keep the part."""
        super().__init__(name="PartSum")
        self.part = part
        self.total = None
        self.error = None

    def run(self):
        """Runs in the new thread: sum the part, or keep the exception."""
        try:
            self.total = sum(self.part)
        except BaseException as exc:
            self.error = exc


def parallel_sum(parts):
    """Sum every part in its own PartSum thread, all at once; return the grand total."""
    threads = list(map(PartSum, parts))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [t.error for t in threads if t.error is not None]
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise BaseExceptionGroup("several parts failed", errors)  # an ExceptionGroup when all are Exceptions
    return sum((t.total for t in threads), 0)
