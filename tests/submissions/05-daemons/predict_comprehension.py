# replaces: daemons-predict
# expect: full
# Correct: computed from a set of the hanging programs.
predictions = {}  # fill in: predictions["a"] = "exits" (or "hangs"), and so on up to "g"
# YOUR CODE HERE
HANGS = set("adef")  # a: non-daemon forever; d: RuntimeError leaves it non-daemon; e: join forever; f: explicit daemon=False
predictions.update({letter: "hangs" if letter in HANGS else "exits" for letter in "abcdefg"})
