# replaces: join-run-all
# expect: lose join-run-all-test-waits
# message: still running
# Mistake 6 in disguise: `t.join` without parentheses never waits.
import threading


def run_all(tasks):
    """Run every task in its own thread, concurrently; return when all have finished."""
    threads = [threading.Thread(target=task) for task in tasks]
    for t in threads:
        t.start()
    for t in threads:
        t.join
