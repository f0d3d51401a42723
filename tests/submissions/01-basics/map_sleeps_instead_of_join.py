# replaces: basics-map
# expect: lose basics-map-test-finish-order
# message: never joined its threads
# A fixed sleep instead of join(): results of slower calls are still None.
import threading
import time


def map_in_threads(func, items):
    """[func(item) for item in items], each call in its own thread, all at once."""
    results = [None] * len(items)

    def work(i, item):
        results[i] = func(item)

    for i, item in enumerate(items):
        threading.Thread(target=work, args=(i, item), daemon=True).start()
    time.sleep(0.1)  # let them finish
    return results
