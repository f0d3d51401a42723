# replaces: basics-run-all
# expect: full
# Different but correct: a thread pool with one worker per item.
from concurrent.futures import ThreadPoolExecutor


def run_all(func, items):
    items = list(items)
    with ThreadPoolExecutor(max_workers=max(1, len(items))) as pool:
        for future in [pool.submit(func, item) for item in items]:
            future.result()
