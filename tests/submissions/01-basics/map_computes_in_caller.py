# replaces: basics-map
# expect: lose basics-map-test-concurrent
# message: ran in the calling thread
# func(item) is computed in the caller while building args; the threads only store it.
import threading


def map_in_threads(func, items):
    """[func(item) for item in items], each call in its own thread, all at once."""
    results = [None] * len(items)

    def store(i, value):
        results[i] = value

    threads = [threading.Thread(target=store, args=(i, func(item))) for i, item in enumerate(items)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
