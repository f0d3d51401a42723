# replaces: basics-run-all
# expect: lose basics-run-all-test-each
# message: join\(0\.2\) gave up
# join(timeout=0.2): returns while a slower call is still running.
import threading


def run_all(func, items):
    """Call func(item) for each item, each in its own thread, all at once; return when all are done."""
    threads = [threading.Thread(target=func, args=(item,)) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=0.2)  # never hang forever on a stuck item
