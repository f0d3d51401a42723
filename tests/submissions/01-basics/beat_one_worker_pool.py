# replaces: basics-beat
# expect: lose basics-beat-test-fresh
# message: list of 3 threads
# A one-worker pool: every call runs in the same reused thread, named beat_0.
from concurrent.futures import ThreadPoolExecutor


def beat(func, times):
    """Run func() `times` times, each in its own thread beat-<i>, one after another; return the threads."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="beat") as pool:  # one worker -> one at a time
        futures = [pool.submit(func) for _ in range(times)]
    for f in futures:
        f.result()
    return list(pool._threads)
