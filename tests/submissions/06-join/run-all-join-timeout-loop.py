# replaces: join-run-all
# expect: full
# Correct, differently: short timed joins, repeated until the thread is no longer alive.
import threading


def run_all(tasks):
    """Run every task in its own thread, concurrently; return when all have finished."""
    threads = list(map(lambda task: threading.Thread(target=task), tasks))
    for t in threads:
        t.start()
    for t in threads:
        while t.is_alive():
            t.join(0.1)  # wakes up now and then (e.g. to stay responsive to Ctrl-C), but keeps waiting
