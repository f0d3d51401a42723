# replaces: queues-producer
# expect: full
# Correct, written differently: a Thread subclass owning its Queue(maxsize), taking the items lazily in run().
import queue
import threading


class Producer(threading.Thread):
    def __init__(self, items, maxsize):
        super().__init__(name="producer")
        self.items = items
        self.queue = queue.Queue(maxsize=maxsize)

    def run(self):
        for item in self.items:
            self.queue.put(item)    # waits while the queue is full
        self.queue.put(None)


def start_producer(items, maxsize):
    """Start a thread that puts items, then None, into a queue of at most maxsize; return (queue, thread)."""
    producer = Producer(items, maxsize)
    producer.start()
    return producer.queue, producer
