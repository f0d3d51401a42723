# replaces: basics-map
# expect: full
# Different but correct: Executor.map keeps the input order.
from concurrent.futures import ThreadPoolExecutor


def map_in_threads(func, items):
    items = list(items)
    with ThreadPoolExecutor(max_workers=max(1, len(items))) as pool:
        return list(pool.map(func, items))
