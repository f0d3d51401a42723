# replaces: queues-worker
# expect: lose queues-worker-test-starts-empty
# message: get\(timeout=\.\.\.\) found the queue empty
# A pause of the producer longer than get(timeout=0.5) is taken as the end.
import queue


def worker(q, results):
    """Square every item taken from q into results, until None; task_done() for each item taken."""
    while True:
        try:
            item = q.get(timeout=0.5)   # don't block forever if the producer is gone
        except queue.Empty:
            return
        if item is None:
            q.task_done()
            return
        results.append(item * item)
        q.task_done()
