# replaces: basics-run-all
# expect: lose basics-run-all-test-each
# message: same thread
# A pool with one worker per item still hands an item to a worker that is free again (and max_workers=0 raises on an empty list).
from concurrent.futures import ThreadPoolExecutor


def run_all(func, items):
    """Call func(item) for each item, each in its own thread, all at once; return when all are done."""
    items = list(items)
    with ThreadPoolExecutor(max_workers=len(items)) as pool:  # one worker per item
        for future in [pool.submit(func, item) for item in items]:
            future.result()
