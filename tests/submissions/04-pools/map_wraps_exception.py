# replaces: pools-map
# expect: lose pools-map-test-exception
# message: unchanged
# Raises a RuntimeError wrapping the task's exception: `except ValueError` in the caller no longer catches it.
from concurrent.futures import ThreadPoolExecutor


def parallel_map(func, items, workers):
    """[func(x) for x in items], computed by `workers` threads at once; a task's exception is raised here."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(func, x) for x in items]
        results = []
        for i, f in enumerate(futures):
            try:
                results.append(f.result())
            except Exception as exc:
                raise RuntimeError(f"task {i} failed: {exc!r}") from exc
        return results
