# replaces: queues-worker
# expect: full
# Correct, written differently: a done flag, `is None`, task_done() after the work.
def worker(q, results):
    """Square every item taken from q into results, until None; task_done() for each item taken."""
    done = False
    while not done:
        item = q.get()
        if item is None:
            done = True
        else:
            square = item * item
            results.append(square)
        q.task_done()
