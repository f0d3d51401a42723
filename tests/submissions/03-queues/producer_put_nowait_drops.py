# replaces: queues-producer
# expect: lose queues-producer-test-delivers queues-producer-test-backpressure
# message: were lost: put_nowait
# put_nowait() on a full queue raises Full and the item is skipped.
import queue
import threading


def start_producer(items, maxsize):
    """Start a thread that puts items, then None, into a queue of at most maxsize; return (queue, thread)."""
    q = queue.Queue(maxsize=maxsize)

    def produce():
        for item in items:
            try:
                q.put_nowait(item)
            except queue.Full:
                continue        # the queue is at maxsize: don't run ahead
        q.put(None)

    t = threading.Thread(target=produce)
    t.start()
    return q, t
