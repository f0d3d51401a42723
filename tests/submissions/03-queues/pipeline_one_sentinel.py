# replaces: queues-pipeline
# expect: lose queues-pipeline-test-ends queues-pipeline-test-concurrent
# message: per consumer
# Mistake 13: one sentinel for n consumers; the other consumers wait forever and join() hangs.
def run_pipeline(items, work, n_consumers):
    q = queue.Queue()
    results = []

    def consume():
        while True:
            item = q.get()
            if item is None:
                return
            results.append(work(item))

    threads = [threading.Thread(target=consume, daemon=True) for _ in range(n_consumers)]
    for t in threads:
        t.start()
    for item in items:
        q.put(item)
    q.put(None)
    for t in threads:
        t.join()
    return results
