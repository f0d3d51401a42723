# replaces: queues-pipeline
# expect: lose queues-pipeline-test-ends
# message: own sentinel
# Mistake 13: one None for n daemon consumers and q.join(): it returns while n - 1 consumers still wait in get().
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
                q.task_done()
                return
            results.append(work(item))
            q.task_done()

    for _ in range(n_consumers):
        threading.Thread(target=consume, daemon=True).start()
    for item in items:
        q.put(item)
    q.put(None)                 # tell the consumers we are done
    q.join()                    # every item was processed
    return results
