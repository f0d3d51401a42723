# replaces: basics-run-all
# expect: full
# Different but correct: the threads are built in a loop first, then all started, then all joined.
import threading


def run_all(func, items):
    """Call func(item) for each item, each in its own thread, all at once; return when all are done."""
    threads = []
    for item in items:
        threads.append(threading.Thread(target=func, args=(item,), name=f"run_all-{len(threads)}"))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
