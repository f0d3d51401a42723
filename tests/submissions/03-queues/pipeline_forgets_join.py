# replaces: queues-pipeline
# expect: lose queues-pipeline-test-ends
# message: returned while .* still running
# Mutant 6 (the known miss): the reference with its join() loop removed; it returns while consumers still work.
def run_pipeline(items, work, n_consumers):
    q = queue.Queue()
    results = []

    def consume():
        while True:
            item = q.get()
            if item is None:
                return
            results.append(work(item))

    threads = [threading.Thread(target=consume) for _ in range(n_consumers)]
    for t in threads:
        t.start()
    for item in items:
        q.put(item)
    for _ in threads:
        q.put(None)
    return results
