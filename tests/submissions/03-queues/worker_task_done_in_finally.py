# replaces: queues-worker
# expect: full
# Correct, written differently: task_done() in a finally, after the square is appended.
def worker(q, results):
    """Square every item taken from q into results, until None; task_done() for each item taken."""
    while True:
        item = q.get()
        try:
            if item is None:
                return
            results.append(item * item)
        finally:
            q.task_done()
