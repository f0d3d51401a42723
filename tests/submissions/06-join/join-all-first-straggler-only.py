# replaces: join-join-all
# expect: lose join-join-all-test-stragglers join-join-all-test-deadline
# message: is_alive
# Stops at the first thread still alive and reports only that one.
import time


def join_all(threads, timeout):
    """Join the threads within one overall deadline; return those still alive."""
    deadline = time.monotonic() + timeout
    for t in threads:
        t.join(max(0, deadline - time.monotonic()))
        if t.is_alive():
            return [t]  # out of time: report the straggler
    return []
