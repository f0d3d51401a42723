# replaces: join-join-all
# expect: full
# Correct, differently: one monotonic deadline, stops joining once it has passed.
import time


def join_all(threads, timeout):
    """Join the threads within one overall deadline; return those still alive."""
    deadline = time.monotonic() + timeout
    for t in threads:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break  # out of time: don't wait for the rest
        t.join(remaining)
    return [t for t in threads if t.is_alive()]
