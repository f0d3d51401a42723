# replaces: queues-producer
# expect: lose queues-producer-test-backpressure
# message: queue.Queue\(maxsize\)
# Mistake 15: an unbounded queue where backpressure was asked; the producer runs ahead.
def start_producer(items, maxsize):
    q = queue.Queue()

    def produce():
        for item in items:
            q.put(item)
        q.put(None)

    thread = threading.Thread(target=produce)
    thread.start()
    return q, thread
