# replaces: queues-pipeline
# expect: full
# Correct, written differently: a separate feeder thread puts the items and the sentinels; the caller
# joins the feeder and every consumer.
def run_pipeline(items, work, n_consumers):
    q = queue.Queue()
    results = []
    lock = threading.Lock()

    def consume():
        while (item := q.get()) is not None:
            value = work(item)
            with lock:
                results.append(value)

    def feed():
        for item in items:
            q.put(item)
        for _ in range(n_consumers):
            q.put(None)

    consumers = [threading.Thread(target=consume, name=f"consumer-{i}") for i in range(n_consumers)]
    feeder = threading.Thread(target=feed, name="feeder")
    for t in consumers + [feeder]:
        t.start()
    for t in [feeder] + consumers[::-1]:
        t.join()
    return results
