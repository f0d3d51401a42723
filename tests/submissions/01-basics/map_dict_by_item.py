# replaces: basics-map
# expect: lose basics-map-test-results
# message: each call's own result|keyed by the item
# Results keyed by the item: equal items share one result, and lists as items raise TypeError.
import threading


def map_in_threads(func, items):
    """[func(item) for item in items], each call in its own thread, all at once."""
    results = {}

    def work(item):
        results[item] = func(item)

    threads = [threading.Thread(target=work, args=(item,)) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [results[item] for item in items]
