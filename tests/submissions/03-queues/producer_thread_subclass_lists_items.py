# replaces: queues-producer
# expect: lose queues-producer-test-delivers queues-producer-test-backpressure
# message: ran ahead
# Was marked correct; under the precise spec (items may be a slow or endless generator, take each item only
# when about to put it) list(items) in __init__ takes every item in the caller before start_producer returns.
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
