# replaces: daemons-predict
# expect: lose daemons-predict-test-subtle
# message: Snippet c exits: a new thread inherits
# Forgets that a thread inherits the daemon flag of the thread that creates it.
predictions = {"a": "hangs", "b": "exits", "c": "hangs", "d": "hangs", "e": "hangs", "f": "hangs", "g": "exits"}
