# replaces: join-run-all
# expect: lose join-run-all-test-waits
# message: still running
# Mistake 7: join(timeout=1.0) and no is_alive() check, so a task longer than 1 s is still running.
import threading


def run_all(tasks):
    """Run every task in its own thread, concurrently; return when all have finished."""
    threads = [threading.Thread(target=task, daemon=True) for task in tasks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=1.0)  # never hang forever on a stuck task
