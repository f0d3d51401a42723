# replaces: queues-pipeline
# expect: lose queues-pipeline-test-results queues-pipeline-test-ends queues-pipeline-test-concurrent
# message: get\(timeout=\.\.\.\) found the queue empty
# Consumers stop when get(timeout=0.2) finds the queue empty: slow items are lost.
import queue
import threading


def run_pipeline(items, work, n_consumers):
    """Apply work() to every item on n_consumers threads fed by one queue; return the results."""
    q = queue.Queue()
    results = []

    def consume():
        while True:
            try:
                item = q.get(timeout=0.2)
            except queue.Empty:
                return          # queue stayed empty: nothing left to do
            results.append(work(item))

    threads = [threading.Thread(target=consume) for _ in range(n_consumers)]
    for t in threads:
        t.start()
    for item in items:
        q.put(item)
    for t in threads:
        t.join()
    return results
