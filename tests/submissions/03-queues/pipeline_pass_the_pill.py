# replaces: queues-pipeline
# expect: full
# Correct, written differently: one sentinel that each consumer puts back before it stops.
STOP = object()


def run_pipeline(items, work, n_consumers):
    q = queue.Queue()
    results = queue.Queue()

    def consume():
        while (item := q.get()) is not STOP:
            results.put(work(item))
        q.put(STOP)  # pass it on to the next consumer

    threads = [threading.Thread(target=consume, name=f"c{i}") for i in range(n_consumers)]
    for t in threads:
        t.start()
    for item in items:
        q.put(item)
    q.put(STOP)
    for t in threads:
        t.join()
    return [results.get() for _ in range(results.qsize())]
