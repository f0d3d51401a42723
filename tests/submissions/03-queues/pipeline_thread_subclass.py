# replaces: queues-pipeline
# expect: full
# Correct, written differently: Thread subclass consumers with their own result lists.
import queue
import threading


class Consumer(threading.Thread):
    def __init__(self, q, work):
        super().__init__()
        self.q = q
        self.work = work
        self.results = []

    def run(self):
        while True:
            item = self.q.get()
            if item is None:
                break
            self.results.append(self.work(item))


def run_pipeline(items, work, n_consumers):
    """Apply work() to every item on n_consumers threads fed by one queue; return the results."""
    q = queue.Queue()
    consumers = [Consumer(q, work) for _ in range(n_consumers)]
    for c in consumers:
        c.start()
    for item in items:
        q.put(item)
    for _ in range(n_consumers):
        q.put(None)
    results = []
    for c in consumers:
        c.join()
        results.extend(c.results)
    return results
