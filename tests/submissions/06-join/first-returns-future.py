# replaces: join-first
# expect: lose join-first-test-result join-first-test-any-order join-first-test-first-wins join-first-test-no-spin
# message: Future
# Returns the finished Future instead of its result.
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait


def first_result(functions):
    """Return the result of whichever function finishes first, without waiting for the rest."""
    pool = ThreadPoolExecutor(max_workers=len(functions))
    futures = [pool.submit(f) for f in functions]
    done, not_done = wait(futures, return_when=FIRST_COMPLETED)
    pool.shutdown(wait=False)
    return next(iter(done))
