# replaces: basics-map
# expect: lose basics-map-test-concurrent
# message: one after another
# Mistake 5: join() inside the start loop serialises the threads.
def map_in_threads(func, items):
    results = [None] * len(items)

    def work(index, item):
        results[index] = func(item)

    for index, item in enumerate(items):
        thread = threading.Thread(target=work, args=(index, item))
        thread.start()
        thread.join()
    return results
