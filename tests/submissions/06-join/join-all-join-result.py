# replaces: join-join-all
# expect: lose join-join-all-test-stragglers join-join-all-test-deadline
# message: is_alive
# Mistake 7: takes join()'s return value (always None) for the answer, never asks is_alive().
import time


def join_all(threads, timeout):
    """Join the threads within one overall deadline; return those still alive."""
    deadline = time.monotonic() + timeout
    still_running = []
    for t in threads:
        result = t.join(max(0.0, deadline - time.monotonic()))
        if result is False:  # join timed out
            still_running.append(t)
    return still_running
