# replaces: queues-pipeline
# expect: lose queues-pipeline-test-ends
# message: own sentinel
# Mistake 13: no sentinel at all; q.join() waits for the items, but the consumers never end.
def run_pipeline(items, work, n_consumers):
    q = queue.Queue()
    results = []

    def consume():
        while True:
            item = q.get()
            results.append(work(item))
            q.task_done()

    for _ in range(n_consumers):
        threading.Thread(target=consume, daemon=True).start()
    for item in items:
        q.put(item)
    q.join()
    return results
