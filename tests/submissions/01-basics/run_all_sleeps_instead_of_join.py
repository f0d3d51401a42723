# replaces: basics-run-all
# expect: lose basics-run-all-test-each
# message: never joined its threads
# A fixed sleep instead of join(): returns while slower calls still run.
import threading
import time


def run_all(func, items):
    """Call func(item) for each item, each in its own thread, all at once; return when all are done."""
    for item in items:
        threading.Thread(target=func, args=(item,)).start()
    time.sleep(0.5)  # enough for them all to finish
