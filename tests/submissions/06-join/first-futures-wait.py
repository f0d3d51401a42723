# replaces: join-first
# expect: full
# Correct, differently: concurrent.futures.wait(FIRST_COMPLETED); the pool is not waited for.
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait


def first_result(functions):
    pool = ThreadPoolExecutor(max_workers=len(functions))
    futures = [pool.submit(f) for f in functions]
    done, _ = wait(futures, return_when=FIRST_COMPLETED)
    pool.shutdown(wait=False)
    return next(iter(done)).result()
