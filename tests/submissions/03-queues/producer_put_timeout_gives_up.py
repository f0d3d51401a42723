# replaces: queues-producer
# expect: lose queues-producer-test-delivers queues-producer-test-backpressure
# message: gave up
# put(timeout=1) gives up when the consumer pauses longer and drops the rest.
import queue
import threading


def start_producer(items, maxsize):
    """Start a thread that puts items, then None, into a queue of at most maxsize; return (queue, thread)."""
    q = queue.Queue(maxsize=maxsize)

    def produce():
        for item in items:
            try:
                q.put(item, timeout=1)
            except queue.Full:
                break           # nobody is consuming any more
        q.put(None)

    t = threading.Thread(target=produce)
    t.start()
    return q, t
