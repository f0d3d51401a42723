# replaces: queues-pipeline
# expect: lose queues-pipeline-test-results
# message: the sentinel
# work() is called on the sentinel too (its TypeError swallowed).
import queue
import threading


def run_pipeline(items, work, n_consumers):
    """Apply work() to every item on n_consumers threads fed by one queue; return the results."""
    q = queue.Queue()
    results = []

    def consume():
        item = 0
        while item is not None:
            item = q.get()
            try:
                results.append(work(item))
            except TypeError:
                pass            # work() can't handle the sentinel

    threads = [threading.Thread(target=consume) for _ in range(n_consumers)]
    for t in threads:
        t.start()
    for item in items:
        q.put(item)
    for _ in threads:
        q.put(None)
    for t in threads:
        t.join()
    return results
