# replaces: queues-worker
# expect: lose queues-worker-test-task-done queues-worker-test-starts-empty
# message: looked empty|before appending its square
# Mistake 14: `while not q.empty()` as the stop condition quits before the producer starts.
# It also calls task_done() before appending the square (caught by the task-done test).
def worker(q, results):
    while not q.empty():
        item = q.get()
        q.task_done()
        if item is None:
            return
        results.append(item * item)
