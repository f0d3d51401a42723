# replaces: basics-map
# expect: lose basics-map-test-finish-order
# message: order the threads finished
# Results collected in the order the threads finish.
def map_in_threads(func, items):
    results = []
    threads = [threading.Thread(target=lambda item=item: results.append(func(item))) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
