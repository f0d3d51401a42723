# replaces: queues-pipeline
# expect: full
# Correct, written differently: waits for the consumers by polling is_alive() instead of join(), and
# materialises the items first (allowed: the pipeline spec does not ask it to return at once).
def run_pipeline(items, work, n_consumers):
    items = list(items)
    q = queue.Queue()
    results = []

    def consume():
        for item in iter(q.get, None):
            results.append(work(item))

    threads = [threading.Thread(target=consume) for _ in range(n_consumers)]
    for t in threads:
        t.start()
    for item in items:
        q.put(item)
    for _ in threads:
        q.put(None)
    while any(t.is_alive() for t in threads):
        time.sleep(0.01)
    return results
