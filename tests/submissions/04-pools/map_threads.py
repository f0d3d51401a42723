# replaces: pools-map
# expect: full
# Correct, by hand: `workers` threads share a queue of (index, item); the first exception is raised after joining.
def parallel_map(func, items, workers):
    items = list(items)
    results = [None] * len(items)
    errors = []
    jobs = queue.Queue()
    for job in enumerate(items):
        jobs.put(job)

    def work():
        while True:
            try:
                index, item = jobs.get_nowait()
            except queue.Empty:
                return
            try:
                results[index] = func(item)
            except Exception as exc:
                errors.append((index, exc))

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise min(errors, key=lambda e: e[0])[1]
    return results
