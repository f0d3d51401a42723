# replaces: queues-pipeline
# expect: full
# Correct, written differently: a private object() sentinel, results handed back on a second queue, drained after every consumer was joined.
import queue
import threading

_STOP = object()


def run_pipeline(items, work, n_consumers):
    """Apply work() to every item on n_consumers threads fed by one queue; return the results."""
    tasks = queue.Queue()
    done = queue.Queue()

    def consume():
        for item in iter(tasks.get, _STOP):
            done.put(work(item))

    consumers = [threading.Thread(target=consume, name=f"consumer-{i}") for i in range(n_consumers)]
    for c in consumers:
        c.start()
    for item in items:
        tasks.put(item)
    for _ in consumers:
        tasks.put(_STOP)
    for c in consumers:
        c.join()
    results = []
    while not done.empty():     # safe here: every producer of `done` has ended
        results.append(done.get())
    return results
