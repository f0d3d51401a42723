# replaces: join-join-all
# expect: lose join-join-all-test-finished join-join-all-test-whole-timeout
# message: join every thread|gave up on a thread
# Never joins: reports the threads alive right now, without giving them their time.
def join_all(threads, timeout):
    return [t for t in threads if t.is_alive()]
