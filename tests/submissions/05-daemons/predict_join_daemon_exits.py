# replaces: daemons-predict
# expect: lose daemons-predict-test-basic
# message: Snippet e hangs: join\(\) waits
# Thinks joining a daemon cannot block: join() waits for the thread, and forever() never ends.
predictions = {}  # fill in: predictions["a"] = "exits" (or "hangs"), and so on up to "g"
# YOUR CODE HERE
predictions = {"a": "hangs", "b": "exits", "c": "exits", "d": "hangs", "e": "exits", "f": "hangs", "g": "exits"}  # e: daemons never block exit
