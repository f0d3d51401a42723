# replaces: join-first
# expect: lose join-first-test-result join-first-test-any-order join-first-test-first-wins
# message: did not finish within
# Returns from inside `with ThreadPoolExecutor()`: leaving the block waits for every function.
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait


def first_result(functions):
    """Return the result of whichever function finishes first, without waiting for the rest."""
    with ThreadPoolExecutor(max_workers=len(functions)) as pool:
        futures = [pool.submit(f) for f in functions]
        done, _ = wait(futures, return_when=FIRST_COMPLETED)
        return done.pop().result()
