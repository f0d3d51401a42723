# replaces: queues-pipeline
# expect: lose queues-pipeline-test-concurrent
# message: never ran work\(\) at the same time
# Consumers run one after another (each started and joined alone): never concurrent.
def run_pipeline(items, work, n_consumers):
    q = queue.Queue()
    for item in items:
        q.put(item)
    for _ in range(n_consumers):
        q.put(None)
    results = []

    def consume():
        while (item := q.get()) is not None:
            results.append(work(item))

    for _ in range(n_consumers):
        t = threading.Thread(target=consume)
        t.start()
        t.join()
    return results
