# replaces: basics-launch
# expect: lose basics-launch-test-new-thread basics-launch-test-args
# message: a tuple with one item
# Mistake 3: args=(value) is not a tuple.
def launch(func, value):
    thread = threading.Thread(target=func, args=(value))
    thread.start()
    return thread
