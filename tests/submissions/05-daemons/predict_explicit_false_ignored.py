# replaces: daemons-predict
# expect: lose daemons-predict-test-subtle
# message: Snippet f hangs: daemon=False overrides
# Thinks the inherited flag wins over an explicit daemon=False.
predictions = {}  # fill in: predictions["a"] = "exits" (or "hangs"), and so on up to "g"
# YOUR CODE HERE
predictions = {"a": "hangs", "b": "exits", "c": "exits", "d": "hangs", "e": "hangs", "f": "exits", "g": "exits"}  # c and f: children of a daemon are daemons
