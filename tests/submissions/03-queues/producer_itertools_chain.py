# replaces: queues-producer
# expect: full
# Correct, written differently: itertools.chain(items, [None]), one blocking put each.
import itertools
import queue
import threading


def start_producer(items, maxsize):
    """Start a thread that puts items, then None, into a queue of at most maxsize; return (queue, thread)."""
    q = queue.Queue(maxsize)

    def produce():
        for item in itertools.chain(items, [None]):
            q.put(item)

    thread = threading.Thread(target=produce)
    thread.start()
    return q, thread
