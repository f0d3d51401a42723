# replaces: basics-run-all
# expect: lose basics-run-all-test-each
# message: never joined its threads
# Known miss: starts every thread and returns at once; nothing waits for the calls to finish.
def run_all(func, items):
    threads = [threading.Thread(target=func, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
