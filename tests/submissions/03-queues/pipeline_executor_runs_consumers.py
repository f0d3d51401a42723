# replaces: queues-pipeline
# expect: full
# Correct, written differently: n consumer loops on a ThreadPoolExecutor of n threads; leaving the with block joins them.
import queue
from concurrent.futures import ThreadPoolExecutor


def run_pipeline(items, work, n_consumers):
    """Apply work() to every item on n_consumers threads fed by one queue; return the results."""
    q = queue.Queue()

    def consume():
        mine = []
        while (item := q.get()) is not None:
            mine.append(work(item))
        return mine

    with ThreadPoolExecutor(max_workers=n_consumers) as pool:
        consumers = [pool.submit(consume) for _ in range(n_consumers)]
        for item in items:
            q.put(item)
        for _ in range(n_consumers):
            q.put(None)
    # shutdown(wait=True) has joined the pool's threads
    return [result for c in consumers for result in c.result()]
