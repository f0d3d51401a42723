# replaces: daemons-predict
# expect: lose daemons-predict-test-subtle
# message: Snippet g exits
# Thinks a non-daemon worker that nobody joins keeps the program alive, although it ends once stop is set.
predictions = {}  # fill in: predictions["a"] = "exits" (or "hangs"), and so on up to "g"
# YOUR CODE HERE
predictions = {"a": "hangs", "b": "exits", "c": "exits", "d": "hangs", "e": "hangs", "f": "hangs", "g": "hangs"}  # g: nobody joins the worker
