# replaces: join-join-all
# expect: lose join-join-all-test-finished
# message: join every thread
# Joins only the first thread, then reports whatever is alive.
def join_all(threads, timeout):
    if threads: threads[0].join(timeout)
    return [t for t in threads if t.is_alive()]
