# replaces: join-join-all
# expect: lose join-join-all-test-finished
# Never joins: reports the threads alive right now, without giving them their time.
def join_all(threads, timeout):
    return [t for t in threads if t.is_alive()]
