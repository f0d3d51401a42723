# replaces: pools-map
# expect: lose pools-map-test-concurrent
# message: never ran 3 tasks at once
# Mistake 16: a pool, but each result is awaited before the next task is submitted: tasks run one at a time.
def parallel_map(func, items, workers):
    results = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for item in items:
            results.append(pool.submit(func, item).result())
    return results
