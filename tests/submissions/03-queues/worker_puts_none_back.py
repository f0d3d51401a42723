# replaces: queues-worker
# expect: lose queues-worker-test-task-done
# message: back in the queue
# Puts the None back for other workers: one more unfinished task, so q.join() never returns.
def worker(q, results):
    """Square every item taken from q into results, until None; task_done() for each item taken."""
    while True:
        item = q.get()
        if item is None:
            q.put(None)         # leave the sentinel for any other worker
            q.task_done()
            return
        results.append(item * item)
        q.task_done()
