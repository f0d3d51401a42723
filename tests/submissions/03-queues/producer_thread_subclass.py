# replaces: queues-producer
# expect: full
# Correct, written differently: a Thread subclass that owns its bounded queue.
class Producer(threading.Thread):
    def __init__(self, items, maxsize):
        super().__init__(daemon=True)
        self.items = list(items)
        self.queue = queue.Queue(maxsize)

    def run(self):
        for item in self.items + [None]:
            self.queue.put(item, block=True)


def start_producer(items, maxsize):
    producer = Producer(items, maxsize)
    producer.start()
    return producer.queue, producer
