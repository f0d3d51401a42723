# replaces: pools-map
# expect: full
# Correct: multiprocessing.pool.ThreadPool is a pool of `workers` threads; map() keeps order and re-raises.
# (Its locks are POSIX semaphores: the sandbox gives the kernel a writable /dev/shm for them.)
from multiprocessing.pool import ThreadPool


def parallel_map(func, items, workers):
    """[func(x) for x in items], computed by `workers` threads at once; a task's exception is raised here."""
    pool = ThreadPool(processes=workers)
    try:
        return pool.map(func, items, chunksize=1)   # one item per task, so `workers` run at once
    finally:
        pool.close()
        pool.join()
