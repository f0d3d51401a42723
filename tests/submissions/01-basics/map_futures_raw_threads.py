# replaces: basics-map
# expect: full
# Different but correct: one raw thread per item completes its own Future; results read in item order.
import threading
from concurrent.futures import Future


def map_in_threads(func, items):
    """[func(item) for item in items], each call in its own thread, all at once."""
    def work(future, item):
        try:
            future.set_result(func(item))
        except BaseException as exc:
            future.set_exception(exc)

    futures, threads = [], []
    for item in items:
        future = Future()
        futures.append(future)
        threads.append(threading.Thread(target=work, args=(future, item)))
    for t in threads:
        t.start()
    try:
        return [future.result() for future in futures]
    finally:
        for t in threads:
            t.join()
