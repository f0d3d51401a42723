# replaces: basics-map
# expect: full
# Different but correct: results in a dict keyed by position.
def map_in_threads(func, items):
    found = {}
    threads = []
    for position, item in enumerate(items):
        thread = threading.Thread(target=lambda p=position, x=item: found.__setitem__(p, func(x)))
        threads.append(thread)
        thread.start()
    for thread in threads:
        thread.join()
    return [found[p] for p in range(len(threads))]
