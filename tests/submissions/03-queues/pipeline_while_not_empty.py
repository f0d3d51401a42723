# replaces: queues-pipeline
# expect: lose queues-pipeline-test-results queues-pipeline-test-ends queues-pipeline-test-concurrent
# message: looked empty
# Mistake 14: consumers stop on q.empty() and quit before the first item comes.
import queue
import threading


def run_pipeline(items, work, n_consumers):
    """Apply work() to every item on n_consumers threads fed by one queue; return the results."""
    q = queue.Queue()
    results = []

    def consume():
        while not q.empty():
            item = q.get()
            if item is None:
                break
            results.append(work(item))

    threads = [threading.Thread(target=consume) for _ in range(n_consumers)]
    for t in threads:
        t.start()
    for item in items:
        q.put(item)
    for _ in threads:
        q.put(None)
    for t in threads:
        t.join(timeout=1)
    return results
