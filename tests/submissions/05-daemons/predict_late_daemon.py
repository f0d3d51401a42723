# replaces: daemons-predict
# expect: lose daemons-predict-test-subtle
# message: Snippet d hangs: setting daemon after start
# Mistake 21 in reasoning: believes `t.daemon = True` after start() works.
predictions = {"a": "hangs", "b": "exits", "c": "exits", "d": "exits", "e": "hangs", "f": "hangs", "g": "exits"}
