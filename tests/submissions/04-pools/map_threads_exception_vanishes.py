# replaces: pools-map
# expect: lose pools-map-test-exception
# message: swallowed
# Mistake 25: hand-made workers; a task's exception ends its thread and never reaches the caller.
def parallel_map(func, items, workers):
    items = list(items)
    results = [None] * len(items)
    jobs = queue.Queue()
    for job in enumerate(items):
        jobs.put(job)

    def work():
        while True:
            try:
                index, item = jobs.get_nowait()
            except queue.Empty:
                return
            results[index] = func(item)

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
