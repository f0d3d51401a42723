# replaces: queues-pipeline
# expect: lose queues-pipeline-test-ends
# message: not only the last one
# Joins only the last consumer started (the loop variable t): the others may still be working when it returns.
import queue
import threading


def run_pipeline(items, work, n_consumers):
    """Apply work() to every item on n_consumers threads fed by one queue; return the results."""
    q = queue.Queue()
    results = []

    def consume():
        while True:
            item = q.get()
            if item is None:
                return
            results.append(work(item))

    for _ in range(n_consumers):
        t = threading.Thread(target=consume)
        t.start()
    for item in items:
        q.put(item)
    for _ in range(n_consumers):
        q.put(None)
    t.join()                    # wait for the consumers
    return results
