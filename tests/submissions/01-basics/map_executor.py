# replaces: basics-map
# expect: lose basics-map-test-results
# message: same thread
# A pool with one worker per item: a worker that is free again gets the next item, so the items do not
# each get a new thread of their own (the spec: a new thread for each item).
from concurrent.futures import ThreadPoolExecutor


def map_in_threads(func, items):
    items = list(items)
    with ThreadPoolExecutor(max_workers=max(1, len(items))) as pool:
        return list(pool.map(func, items))
