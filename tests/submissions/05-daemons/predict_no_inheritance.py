# replaces: daemons-predict
# expect: lose daemons-predict-test-subtle
# Forgets that a thread inherits the daemon flag of the thread that creates it.
predictions = {"a": "hangs", "b": "exits", "c": "hangs", "d": "hangs", "e": "hangs", "f": "hangs", "g": "exits"}
