# replaces: queues-producer
# expect: lose queues-producer-test-delivers queues-producer-test-backpressure
# message: ran ahead
# list(items) in the caller: takes every item before returning (a slow or endless generator blocks the caller).
import queue
import threading


def start_producer(items, maxsize):
    """Start a thread that puts items, then None, into a queue of at most maxsize; return (queue, thread)."""
    data = list(items) + [None]     # items, then the sentinel
    q = queue.Queue(maxsize=maxsize)
    t = threading.Thread(target=lambda: [q.put(x) for x in data])
    t.start()
    return q, t
