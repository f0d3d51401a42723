# replaces: basics-run-all
# expect: full
# Different but correct (if wasteful): polls is_alive() with a short sleep until every thread is done.
import threading
import time


def run_all(func, items):
    """Call func(item) for each item, each in its own thread, all at once; return when all are done."""
    threads = [threading.Thread(target=func, args=(item,)) for item in items]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        time.sleep(0.001)
