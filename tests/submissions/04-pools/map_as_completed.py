# replaces: pools-map
# expect: lose pools-map-test-order
# message: order of the items
# Mistake 17: results appended as the tasks finish: fast tasks jump the queue.
def parallel_map(func, items, workers):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(func, item) for item in items]
        return [future.result() for future in as_completed(futures)]
