# replaces: queues-producer
# expect: full
# Correct, written differently: put(timeout=0.1) that tries again on queue.Full, so nothing is lost
# however long the consumer pauses.
def start_producer(items, maxsize):
    q = queue.Queue(maxsize)

    def put(item):
        while True:
            try:
                q.put(item, timeout=0.1)
                return
            except queue.Full:
                pass

    def produce():
        for item in items:
            put(item)
        put(None)

    thread = threading.Thread(target=produce)
    thread.start()
    return q, thread
