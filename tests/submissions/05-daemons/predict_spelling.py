# replaces: daemons-predict
# expect: lose daemons-predict-test-answers
# message: must be the string 'exits' or 'hangs'
# Right predictions spelt 'hang'/'exit'/'Exit': the format costs the format point only.
predictions = {}  # fill in: predictions["a"] = "exits" (or "hangs"), and so on up to "g"
# YOUR CODE HERE
predictions = {"a": "hang", "b": "exit", "c": "exit", "d": "hang", "e": "hang", "f": "hang", "g": "Exit"}
