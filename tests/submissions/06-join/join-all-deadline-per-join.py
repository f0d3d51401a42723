# replaces: join-join-all
# expect: lose join-join-all-test-deadline
# message: add up
# Mistake 8 in disguise: the deadline is recomputed for every join, so the timeouts add up.
import time


def join_all(threads, timeout):
    """Join the threads within one overall deadline; return those still alive."""
    for t in threads:
        deadline = time.monotonic() + timeout
        t.join(max(0, deadline - time.monotonic()))
    return [t for t in threads if t.is_alive()]
