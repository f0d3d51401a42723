# replaces: queues-pipeline
# expect: lose queues-pipeline-test-concurrent
# message: not just one
# Mistake 16: one consumer thread whatever n_consumers is.
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
                break
            results.append(work(item))

    consumer = threading.Thread(target=consume, name="consumer")
    consumer.start()
    for item in items:
        q.put(item)
    q.put(None)
    consumer.join()
    return results
