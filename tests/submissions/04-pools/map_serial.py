# replaces: pools-map
# expect: lose pools-map-test-concurrent
# message: never ran 3 tasks at once
# Mistake 16: a serial map: one task after another, no pool at all.
def parallel_map(func, items, workers):
    return [func(item) for item in items]
