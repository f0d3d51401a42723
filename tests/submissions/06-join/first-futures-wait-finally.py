# replaces: join-first
# expect: full
# Correct, differently: concurrent.futures.wait(FIRST_COMPLETED), shutdown(wait=False) in a finally block.
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait


def first_result(functions):
    """Return the result of whichever function finishes first, without waiting for the rest."""
    pool = ThreadPoolExecutor(max_workers=len(functions))
    try:
        futures = [pool.submit(f) for f in functions]
        done, _not_done = wait(futures, return_when=FIRST_COMPLETED)
    finally:
        pool.shutdown(wait=False)
    return next(iter(done)).result()
