# replaces: join-join-all
# expect: full
# Correct (the red team said wrong): time.time() instead of time.monotonic(). The lesson recommends
# monotonic, the exercise asks only for the behaviour, which is the same unless the clock is adjusted.
import time


def join_all(threads, timeout):
    """Join the threads within one overall deadline; return those still alive."""
    deadline = time.time() + timeout
    for t in threads:
        t.join(max(0, deadline - time.time()))
    return [t for t in threads if t.is_alive()]
