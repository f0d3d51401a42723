# replaces: join-run-all
# expect: full
# Correct, differently: joins in reverse order; the order does not change how long it waits.
import threading


def run_all(tasks):
    """Run every task in its own thread, concurrently; return when all have finished."""
    threads = [threading.Thread(target=task, name=f"task {i}") for i, task in enumerate(tasks)]
    for t in threads:
        t.start()
    for t in reversed(threads):
        t.join()
