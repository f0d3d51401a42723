# replaces: basics-run-all
# expect: lose basics-run-all-test-each
# message: same thread
# A pool with one worker per item: a worker that is free again gets the next item, so the items do not
# each get a new thread of their own (the spec: each in a new thread of its own).
from concurrent.futures import ThreadPoolExecutor


def run_all(func, items):
    items = list(items)
    with ThreadPoolExecutor(max_workers=max(1, len(items))) as pool:
        for future in [pool.submit(func, item) for item in items]:
            future.result()
