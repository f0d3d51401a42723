# replaces: daemons-predict
# expect: lose daemons-predict-test-answers daemons-predict-test-subtle
# message: no prediction for g|Snippet f hangs
# Leaves g out and writes a boolean for f.
predictions = {"a": "hangs", "b": "exits", "c": "exits", "d": "hangs", "e": "hangs", "f": True}
