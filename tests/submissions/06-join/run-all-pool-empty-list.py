# replaces: join-run-all
# expect: lose join-run-all-test-empty
# message: run_all\(\[\]\) raised
# A pool as wide as the task list: right for a non-empty list (reusing a worker whose task has ended is
# fine), but ThreadPoolExecutor(max_workers=0) raises ValueError for an empty one, which the spec allows.
from concurrent.futures import ThreadPoolExecutor, wait


def run_all(tasks):
    """Run every task in its own thread, concurrently; return when all have finished."""
    pool = ThreadPoolExecutor(max_workers=len(tasks))  # one worker per task
    futures = [pool.submit(task) for task in tasks]
    wait(futures)
    pool.shutdown()
