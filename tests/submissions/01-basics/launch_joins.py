# replaces: basics-launch
# expect: lose basics-launch-test-no-wait
# message: joined the thread before returning it
# Waits for the thread it should leave running.
def launch(func, value):
    thread = threading.Thread(target=func, args=(value,))
    thread.start()
    thread.join()
    return thread
