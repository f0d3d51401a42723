# replaces: basics-run-all
# expect: lose basics-run-all-test-concurrent
# message: one after another
# Mistake 5: join() inside the start loop serialises the threads.
def run_all(func, items):
    for item in items:
        thread = threading.Thread(target=func, args=(item,))
        thread.start()
        thread.join()
