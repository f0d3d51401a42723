# replaces: basics-map
# expect: lose basics-map-test-results
# message: same thread
# A default ThreadPoolExecutor: idle workers are reused (and at most min(32, cpus + 4) run at once).
from concurrent.futures import ThreadPoolExecutor


def map_in_threads(func, items):
    """[func(item) for item in items], each call in its own thread, all at once."""
    with ThreadPoolExecutor() as pool:
        return list(pool.map(func, items))
