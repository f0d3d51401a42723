# replaces: join-join-all
# expect: lose join-join-all-test-finished join-join-all-test-whole-timeout
# message: join_all\(\[\], 1.0\) raised|gave up on a thread
# Gives each thread timeout / len(threads): gives up on a thread long before the timeout is up
# (and divides by zero for an empty list).
def join_all(threads, timeout):
    """Join the threads within one overall deadline; return those still alive."""
    share = timeout / len(threads)  # split the budget so the total stays within timeout
    for t in threads:
        t.join(share)
    return [t for t in threads if t.is_alive()]
