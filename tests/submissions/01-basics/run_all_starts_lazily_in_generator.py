# replaces: basics-run-all
# expect: lose basics-run-all-test-concurrent
# message: one after another
# A generator starts each thread only when the join loop reaches it: one at a time.
import threading


def run_all(func, items):
    """Call func(item) for each item, each in its own thread, all at once; return when all are done."""
    def started():
        for item in items:
            t = threading.Thread(target=func, args=(item,))
            t.start()
            yield t

    threads = started()
    for t in threads:
        t.join()
