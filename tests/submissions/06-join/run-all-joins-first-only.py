# replaces: join-run-all
# expect: lose join-run-all-test-waits
# message: still running
# Joins only the first thread, as if all ended together.
import threading


def run_all(tasks):
    """Run every task in its own thread, concurrently; return when all have finished."""
    threads = []
    for task in tasks:
        t = threading.Thread(target=task)
        t.start()
        threads.append(t)
    if threads:
        threads[0].join()  # all started together, so they all end together
