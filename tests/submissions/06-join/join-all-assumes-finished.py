# replaces: join-join-all
# expect: lose join-join-all-test-stragglers join-join-all-test-deadline
# message: is_alive
# Mistake 7: join(timeout) returned, so it assumes every thread finished.
def join_all(threads, timeout):
    deadline = time.monotonic() + timeout
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    return []
