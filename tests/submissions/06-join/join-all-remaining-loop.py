# replaces: join-join-all
# expect: full
# Correct, differently: stop joining once the deadline has passed, collect stragglers as it goes.
def join_all(threads, timeout):
    deadline = time.monotonic() + timeout
    stragglers = []
    for t in threads:
        remaining = deadline - time.monotonic()
        if remaining > 0:
            t.join(remaining)
        if t.is_alive():
            stragglers.append(t)
    return stragglers
