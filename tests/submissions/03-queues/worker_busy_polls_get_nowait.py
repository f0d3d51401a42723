# replaces: queues-worker
# expect: lose queues-worker-test-starts-empty
# message: polled the empty queue
# Mistake 24: busy-waits with get_nowait() in a loop instead of waiting in q.get().
import queue


def worker(q, results):
    """Square every item taken from q into results, until None; task_done() for each item taken."""
    while True:
        try:
            item = q.get_nowait()
        except queue.Empty:
            continue            # nothing yet, try again
        if item is None:
            q.task_done()
            return
        results.append(item * item)
        q.task_done()
