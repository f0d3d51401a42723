# replaces: queues-worker
# expect: lose queues-worker-test-task-done
# message: for the None as well
# Mistake 12, subtler: task_done() for every item but the None, so one task stays unfinished.
def worker(q, results):
    while True:
        item = q.get()
        if item is None:
            return
        results.append(item * item)
        q.task_done()
