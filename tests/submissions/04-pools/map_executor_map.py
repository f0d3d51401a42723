# replaces: pools-map
# expect: full
# Correct, written differently: pool.map keeps the order and re-raises while we iterate.
def parallel_map(func, items, workers):
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="map") as pool:
        return list(pool.map(func, items))
