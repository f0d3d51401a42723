# replaces: queues-worker
# expect: lose queues-worker-test-task-done
# message: before appending its square
# task_done() right after get(), before the square is in results: q.join() can return too early.
def worker(q, results):
    """Square every item taken from q into results, until None; task_done() for each item taken."""
    while True:
        item = q.get()
        q.task_done()           # one task_done per get(), sentinel included
        if item is None:
            return
        results.append(item * item)
