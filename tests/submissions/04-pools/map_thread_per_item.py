# replaces: pools-map
# expect: lose pools-map-test-concurrent
# message: 4 tasks ran at once
# One thread per item: len(items) tasks at once, not `workers`.
import threading


def parallel_map(func, items, workers):
    """[func(x) for x in items], computed by `workers` threads at once; a task's exception is raised here."""
    items = list(items)
    results = [None] * len(items)
    errors = [None] * len(items)

    def run(i, x):
        try:
            results[i] = func(x)
        except Exception as exc:
            errors[i] = exc

    threads = [threading.Thread(target=run, args=(i, x)) for i, x in enumerate(items)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for exc in errors:
        if exc is not None:
            raise exc
    return results
