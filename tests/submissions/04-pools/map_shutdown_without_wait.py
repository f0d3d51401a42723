# replaces: pools-map
# expect: lose pools-map-test-order pools-map-test-exception
# message: still running
# Leaves threads running: shutdown(wait=False) (or none, when a task raises) returns before the pool's threads end;
# they end a moment later by themselves, which only a thread watch sees every time.
def parallel_map(func, items, workers):
    pool = ThreadPoolExecutor(max_workers=workers)
    futures = [pool.submit(func, item) for item in items]
    results = [future.result() for future in futures]
    pool.shutdown(wait=False)
    return results
