# replaces: basics-map
# expect: lose basics-map-test-finish-order
# message: joined only 1 of its 4 threads
# Joins only the thread started last: the results of slower threads are still missing.
import threading


def map_in_threads(func, items):
    """[func(item) for item in items], each call in its own thread, all at once."""
    results = [None] * len(items)

    def work(i, item):
        results[i] = func(item)

    threads = [threading.Thread(target=work, args=(i, item)) for i, item in enumerate(items)]
    for t in threads:
        t.start()
    if threads:
        threads[-1].join()  # started last, so finished last
    return results
