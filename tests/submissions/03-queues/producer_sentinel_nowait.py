# replaces: queues-producer
# expect: lose queues-producer-test-delivers queues-producer-test-backpressure
# message: None was lost
# put(None, block=False): on a full queue it raises Full and the sentinel is lost.
import queue
import threading


def start_producer(items, maxsize):
    """Start a thread that puts items, then None, into a queue of at most maxsize; return (queue, thread)."""
    q = queue.Queue(maxsize=maxsize)

    def produce():
        for item in items:
            q.put(item)
        q.put(None, block=False)    # the producer must not hang at the end

    t = threading.Thread(target=produce, name="producer")
    t.start()
    return q, t
