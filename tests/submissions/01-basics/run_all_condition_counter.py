# replaces: basics-run-all
# expect: full
# Different but correct: waits on a Condition until every call has counted itself finished (the spec asks for the calls to be finished, so a thread may still be ending).
import threading


def run_all(func, items):
    """Call func(item) for each item, each in its own thread, all at once; return when all are done."""
    items = list(items)
    done = threading.Condition()
    finished = 0

    def call(item):
        nonlocal finished
        try:
            func(item)
        finally:
            with done:
                finished += 1
                done.notify()

    for item in items:
        threading.Thread(target=call, args=(item,)).start()
    with done:
        done.wait_for(lambda: finished == len(items))
