# replaces: pools-map
# expect: lose pools-map-test-concurrent
# message: 4 tasks ran at once
# Not bounded by `workers`: ThreadPoolExecutor() picks its own pool size.
def parallel_map(func, items, workers):
    with ThreadPoolExecutor() as pool:
        return list(pool.map(func, items))
