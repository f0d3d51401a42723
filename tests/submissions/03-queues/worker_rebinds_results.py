# replaces: queues-worker
# expect: lose queues-worker-test-squares queues-worker-test-starts-empty
# message: results
# results = results + [...] makes a new list: the caller's list stays empty.
def worker(q, results):
    """Square every item taken from q into results, until None; task_done() for each item taken."""
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            return results
        results = results + [item * item]
        q.task_done()
