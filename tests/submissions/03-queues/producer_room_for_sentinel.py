# replaces: queues-producer
# expect: lose queues-producer-test-backpressure
# message: held 4 items with maxsize=3
# Queue(maxsize + 1) 'for the None': the producer gets one item ahead.
import queue
import threading


def start_producer(items, maxsize):
    """Start a thread that puts items, then None, into a queue of at most maxsize; return (queue, thread)."""
    q = queue.Queue(maxsize=maxsize + 1)    # +1 so the None always fits

    def produce():
        for item in items:
            q.put(item)
        q.put(None)

    t = threading.Thread(target=produce)
    t.start()
    return q, t
