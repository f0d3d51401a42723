# replaces: join-first
# expect: lose join-first-test-any-order join-first-test-first-wins
# message: did not finish within
# Waits for FIRST_COMPLETED, then reads futures[0] (the first submitted) instead of the one that is done.
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait


def first_result(functions):
    """Return the result of whichever function finishes first, without waiting for the rest."""
    pool = ThreadPoolExecutor(max_workers=len(functions))
    futures = [pool.submit(f) for f in functions]
    wait(futures, return_when=FIRST_COMPLETED)
    pool.shutdown(wait=False)
    return futures[0].result()
