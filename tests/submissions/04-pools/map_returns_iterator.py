# replaces: pools-map
# expect: lose pools-map-test-squares pools-map-test-order pools-map-test-exception pools-map-test-concurrent pools-map-test-inputs
# message: generator
# Returns pool.map's lazy iterator, not a list; a task's exception waits for someone to iterate.
from concurrent.futures import ThreadPoolExecutor


def parallel_map(func, items, workers):
    """[func(x) for x in items], computed by `workers` threads at once; a task's exception is raised here."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = pool.map(func, items)
    return results
