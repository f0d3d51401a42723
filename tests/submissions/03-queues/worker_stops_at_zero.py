# replaces: queues-worker
# expect: lose queues-worker-test-squares
# message: stopped at the item 0
# `if not item` takes the item 0 for the sentinel None.
def worker(q, results):
    """Square every item taken from q into results, until None; task_done() for each item taken."""
    while True:
        item = q.get()
        if not item:            # sentinel reached
            q.task_done()
            return
        results.append(item * item)
        q.task_done()
