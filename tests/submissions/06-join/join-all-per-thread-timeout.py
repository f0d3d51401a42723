# replaces: join-join-all
# expect: lose join-join-all-test-deadline
# message: add up
# Mistake 8: each join gets the whole timeout, so n stuck threads cost n x timeout.
def join_all(threads, timeout):
    for t in threads:
        t.join(timeout)
    return [t for t in threads if t.is_alive()]
