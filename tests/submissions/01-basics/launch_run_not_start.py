# replaces: basics-launch
# expect: lose basics-launch-test-new-thread basics-launch-test-no-wait basics-launch-test-args
# message: t\.run\(\)|thread\.start\(\)
# Mistake 1: run() instead of start() -- the function runs in the caller's thread.
def launch(func, value):
    thread = threading.Thread(target=func, args=(value,))
    thread.run()
    return thread
