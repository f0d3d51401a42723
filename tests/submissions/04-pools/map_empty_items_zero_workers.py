# replaces: pools-map
# expect: lose pools-map-test-inputs
# message: no items
# ThreadPoolExecutor(max_workers=min(workers, len(items))): with no items that is 0, a ValueError.
from concurrent.futures import ThreadPoolExecutor


def parallel_map(func, items, workers):
    """[func(x) for x in items], computed by `workers` threads at once; a task's exception is raised here."""
    items = list(items)
    # no need for more threads than items
    with ThreadPoolExecutor(max_workers=min(workers, len(items))) as pool:
        return list(pool.map(func, items))
