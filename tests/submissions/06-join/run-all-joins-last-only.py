# replaces: join-run-all
# expect: lose join-run-all-test-waits
# message: still running
# Joins only the last-started thread, as if it finished last.
import threading


def run_all(tasks):
    """Run every task in its own thread, concurrently; return when all have finished."""
    threads = [threading.Thread(target=task) for task in tasks]
    for t in threads:
        t.start()
    if threads:
        threads[-1].join()  # started last, so it is the last one to finish
