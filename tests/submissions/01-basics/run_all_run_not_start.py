# replaces: basics-run-all
# expect: lose basics-run-all-test-each basics-run-all-test-concurrent
# message: not t\.run\(\)
# Mistake 1: run() instead of start().
def run_all(func, items):
    threads = [threading.Thread(target=func, args=(item,)) for item in items]
    for thread in threads:
        thread.run()
