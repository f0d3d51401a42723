# replaces: join-run-all
# expect: lose join-run-all-test-waits
# message: still running
# Sleeps a fixed 0.5 s instead of joining.
import threading
import time


def run_all(tasks):
    """Run every task in its own thread, concurrently; return when all have finished."""
    for task in tasks:
        threading.Thread(target=task).start()
    time.sleep(0.5)  # give the threads time to finish
