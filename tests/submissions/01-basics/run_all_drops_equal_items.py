# replaces: basics-run-all
# expect: lose basics-run-all-test-each
# message: once for every item, equal items too
# set(items): equal items are called once only (and lists as items raise TypeError).
import threading


def run_all(func, items):
    """Call func(item) for each item, each in its own thread, all at once; return when all are done."""
    threads = [threading.Thread(target=func, args=(item,)) for item in set(items)]  # no need to do an item twice
    for t in threads:
        t.start()
    for t in threads:
        t.join()
