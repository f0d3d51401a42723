# replaces: daemons-predict
# expect: lose daemons-predict-test-basic
# message: Snippet a hangs
# Thinks the program ends when the main thread ends, whatever the other threads do.
predictions = {"a": "exits", "b": "exits", "c": "exits", "d": "hangs", "e": "hangs", "f": "hangs", "g": "exits"}
