# replaces: basics-map
# expect: lose basics-map-test-results basics-map-test-finish-order
# message: should (be|return) \[
# lambda: results[i] = func(items[i]) in a comprehension: every thread uses the last i.
import threading


def map_in_threads(func, items):
    """[func(item) for item in items], each call in its own thread, all at once."""
    results = [None] * len(items)
    threads = [threading.Thread(target=lambda: results.__setitem__(i, func(items[i]))) for i in range(len(items))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
