# replaces: queues-producer
# expect: lose queues-producer-test-delivers queues-producer-test-backpressure
# message: raised TypeError
# range(len(items)) and items[i]: fails on a generator, so nothing (not even None) is put.
import queue
import threading


def start_producer(items, maxsize):
    """Start a thread that puts items, then None, into a queue of at most maxsize; return (queue, thread)."""
    q = queue.Queue(maxsize)

    def produce():
        for i in range(len(items)):
            q.put(items[i])
        q.put(None)

    t = threading.Thread(target=produce)
    t.start()
    return q, t
