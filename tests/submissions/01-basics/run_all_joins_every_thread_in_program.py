# replaces: basics-run-all
# expect: lose basics-run-all-test-each basics-run-all-test-concurrent
# message: did not start \(MainThread
# Joins every thread in threading.enumerate(), the main thread too: it never returns.
import threading


def run_all(func, items):
    """Call func(item) for each item, each in its own thread, all at once; return when all are done."""
    for item in items:
        threading.Thread(target=func, args=(item,)).start()
    for t in threading.enumerate():
        if t is not threading.current_thread():
            t.join()
