# replaces: join-join-all
# expect: full
# Correct, differently: short joins of the first live thread until all are done or the deadline passed.
import time


def join_all(threads, timeout):
    """Join the threads within one overall deadline; return those still alive."""
    deadline = time.monotonic() + timeout
    alive = [t for t in threads if t.is_alive()]
    while alive:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        alive[0].join(min(0.05, remaining))
        alive = [t for t in alive if t.is_alive()]
    return [t for t in threads if t.is_alive()]
