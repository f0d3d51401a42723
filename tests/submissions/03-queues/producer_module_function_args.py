# replaces: queues-producer
# expect: full
# Correct, written differently: a module-level producer function passed with args.
import queue
import threading


def _produce(q, items):
    for item in items:
        q.put(item, block=True)
    q.put(None, block=True)


def start_producer(items, maxsize):
    """Start a thread that puts items, then None, into a queue of at most maxsize; return (queue, thread)."""
    # Queue(0) would mean "unbounded"; the spec only speaks of maxsize >= 1, so pass it on as given.
    q = queue.Queue(maxsize=maxsize)
    t = threading.Thread(target=_produce, args=(q, items), name="producer")
    t.start()
    return q, t
