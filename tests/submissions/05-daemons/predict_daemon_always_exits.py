# replaces: daemons-predict
# expect: lose daemons-predict-test-basic daemons-predict-test-subtle
# message: Snippet (d|e) hangs
# Thinks anything daemon exits: d (late daemon flag raises) and e (join on a forever daemon) both hang.
predictions = {}  # fill in: predictions["a"] = "exits" (or "hangs"), and so on up to "g"
# YOUR CODE HERE
for letter in "abcdefg":
    predictions[letter] = "exits"
predictions["a"] = "hangs"  # the only plain non-daemon forever thread started by main
predictions["f"] = "hangs"  # explicit daemon=False
