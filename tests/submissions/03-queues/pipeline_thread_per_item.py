# replaces: queues-pipeline
# expect: lose queues-pipeline-test-concurrent
# message: no thread per item
# A thread per item instead of n_consumers consumers on one queue.
import queue
import threading


def run_pipeline(items, work, n_consumers):
    """Apply work() to every item on n_consumers threads fed by one queue; return the results."""
    q = queue.Queue()
    threads = []
    for item in items:
        t = threading.Thread(target=lambda x=item: q.put(work(x)))
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    results = []
    while not q.empty():
        results.append(q.get())
    return results
