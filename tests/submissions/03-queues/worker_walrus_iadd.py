# replaces: queues-worker
# expect: full
# Correct, written differently: walrus loop, results += [...] grows the caller's list.
def worker(q, results):
    """Square every item taken from q into results, until None; task_done() for each item taken."""
    while (item := q.get()) is not None:
        results += [item * item]      # in-place: the caller's list grows
        q.task_done()
    q.task_done()                     # the sentinel was taken too
