# replaces: join-run-all
# expect: lose join-run-all-test-concurrent
# message: same time
# A pool of 4 workers runs 8 tasks four at a time, not all at once.
from concurrent.futures import ThreadPoolExecutor


def run_all(tasks):
    """Run every task in its own thread, concurrently; return when all have finished."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        for task in tasks:
            pool.submit(task)
    # leaving the with block waits for every task
