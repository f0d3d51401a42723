# replaces: queues-producer
# expect: lose queues-producer-test-delivers queues-producer-test-backpressure
# message: ran ahead
# list(items) inside the producer thread: returns at once, but takes every item before putting any
# (an endless generator never gets one into the queue; memory is not bounded).
def start_producer(items, maxsize):
    q = queue.Queue(maxsize)

    def produce():
        for item in list(items) + [None]:
            q.put(item)

    thread = threading.Thread(target=produce)
    thread.start()
    return q, thread
