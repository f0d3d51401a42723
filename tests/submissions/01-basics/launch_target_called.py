# replaces: basics-launch
# expect: lose basics-launch-test-new-thread basics-launch-test-no-wait
# message: target=func\(arg\) calls it
# Mistake 2: target=func(value) calls func now, in the caller's thread.
def launch(func, value):
    thread = threading.Thread(target=func(value))
    thread.start()
    return thread
