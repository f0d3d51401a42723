# replaces: basics-map
# expect: full
# Different but correct: results in a dict keyed by position, read back in order.
import threading


def map_in_threads(func, items):
    """[func(item) for item in items], each call in its own thread, all at once."""
    results = {}

    def work(index, item):
        results[index] = func(item)

    threads = [threading.Thread(target=work, args=(index, item)) for index, item in enumerate(items)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [results[index] for index in range(len(threads))]
