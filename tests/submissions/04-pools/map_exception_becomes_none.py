# replaces: pools-map
# expect: lose pools-map-test-exception
# message: swallowed
# Mistake 17: a failed task becomes None (checked with future.exception()); the exception never reaches the caller.
from concurrent.futures import ThreadPoolExecutor


def parallel_map(func, items, workers):
    """[func(x) for x in items], computed by `workers` threads at once; a task's exception is raised here."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(func, x) for x in items]
    results = []
    for f in futures:
        if f.exception() is None:
            results.append(f.result())
        else:
            results.append(None)    # keep the positions aligned with items
    return results
