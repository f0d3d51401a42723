# replaces: basics-map
# expect: lose basics-map-test-finish-order
# message: join\(0\.05\) gave up
# join(0.05) where completion was asked: a slower call's result is still missing when the list is returned.
def map_in_threads(func, items):
    items = list(items)
    results = [None] * len(items)

    def work(index, item):
        results[index] = func(item)

    threads = [threading.Thread(target=work, args=(i, item)) for i, item in enumerate(items)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(0.05)
    return results
