# replaces: basics-map
# expect: lose basics-map-test-finish-order
# message: never joined its threads
# Known miss: the join loop dropped; the results are read while the threads may still be running.
def map_in_threads(func, items):
    items = list(items)
    results = [None] * len(items)

    def work(index, item):
        results[index] = func(item)

    threads = [threading.Thread(target=work, args=(i, item)) for i, item in enumerate(items)]
    for thread in threads:
        thread.start()
    return results
