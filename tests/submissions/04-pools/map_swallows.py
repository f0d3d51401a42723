# replaces: pools-map
# expect: lose pools-map-test-exception
# message: swallowed
# Mistake 17: a failing task's exception is swallowed and becomes None.
def parallel_map(func, items, workers):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(func, item) for item in items]
    results = []
    for future in futures:
        try:
            results.append(future.result())
        except Exception:
            results.append(None)
    return results
