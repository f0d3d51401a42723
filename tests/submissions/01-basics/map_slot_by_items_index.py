# replaces: basics-map
# expect: lose basics-map-test-results
# message: each call's own result
# results[items.index(item)]: every equal item goes to the first slot, the others stay None.
import threading


def map_in_threads(func, items):
    """[func(item) for item in items], each call in its own thread, all at once."""
    results = [None] * len(items)

    def work(item):
        results[items.index(item)] = func(item)

    threads = [threading.Thread(target=work, args=(item,)) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
