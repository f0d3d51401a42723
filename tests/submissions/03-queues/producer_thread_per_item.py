# replaces: queues-producer
# expect: lose queues-producer-test-delivers queues-producer-test-backpressure
# message: ran ahead
# One thread per put: items are all taken at once and may arrive in any order.
import queue
import threading


def start_producer(items, maxsize):
    """Start a thread that puts items, then None, into a queue of at most maxsize; return (queue, thread)."""
    q = queue.Queue(maxsize=maxsize)

    def produce():
        putters = [threading.Thread(target=q.put, args=(item,)) for item in items]
        for p in putters:
            p.start()       # each waits on the full queue on its own
        for p in putters:
            p.join()
        q.put(None)

    t = threading.Thread(target=produce)
    t.start()
    return q, t
