# replaces: queues-worker
# expect: lose queues-worker-test-starts-empty
# Mistake 14: `while not q.empty()` as the stop condition quits before the producer starts.
def worker(q, results):
    while not q.empty():
        item = q.get()
        q.task_done()
        if item is None:
            return
        results.append(item * item)
