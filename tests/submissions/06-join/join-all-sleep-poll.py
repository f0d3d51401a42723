# replaces: join-join-all
# expect: full
# Correct, differently: polls is_alive() with short sleeps until all finished or the deadline passed
# (the spec forbids no loop here; it returns within 10 ms of the last thread finishing).
def join_all(threads, timeout):
    deadline = time.monotonic() + timeout
    while any(t.is_alive() for t in threads) and time.monotonic() < deadline:
        time.sleep(0.01)
    return [t for t in threads if t.is_alive()]
