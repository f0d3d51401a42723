# replaces: basics-run-all
# expect: lose basics-run-all-test-each
# message: joined only 1 of its 4 threads
# Joins only the thread started last, as if it were always the last to finish.
import threading


def run_all(func, items):
    """Call func(item) for each item, each in its own thread, all at once; return when all are done."""
    t = None
    for item in items:
        t = threading.Thread(target=func, args=(item,))
        t.start()
    if t is not None:
        t.join()  # the last one started is the last one to finish
