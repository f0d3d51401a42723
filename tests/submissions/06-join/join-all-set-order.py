# replaces: join-join-all
# expect: lose join-join-all-test-stragglers
# message: wrong order
# Builds the answer from a set difference, which loses the order the threads were given in.
import time


def join_all(threads, timeout):
    """Join the threads within one overall deadline; return those still alive."""
    deadline = time.monotonic() + timeout
    finished = set()
    for t in threads:
        t.join(max(0, deadline - time.monotonic()))
        if not t.is_alive():
            finished.add(t)
    return list(set(threads) - finished)
