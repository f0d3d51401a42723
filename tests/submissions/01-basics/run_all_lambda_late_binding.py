# replaces: basics-run-all
# expect: lose basics-run-all-test-each
# message: once per item with the item
# lambda: func(item) in a comprehension: every thread calls func(last item).
import threading


def run_all(func, items):
    """Call func(item) for each item, each in its own thread, all at once; return when all are done."""
    threads = [threading.Thread(target=lambda: func(item)) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
