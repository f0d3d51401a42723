# replaces: queues-worker
# expect: lose queues-worker-test-task-done
# message: right after each item
# Mistake 12, delayed: all the task_done() calls come only when the worker stops,
# so q.join() cannot return while the worker still waits for more items.
def worker(q, results):
    taken = 0
    while True:
        item = q.get()
        taken += 1
        if item is None:
            break
        results.append(item * item)
    for _ in range(taken):
        q.task_done()
