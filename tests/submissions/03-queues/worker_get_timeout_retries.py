# replaces: queues-worker
# expect: full
# Correct, written differently: get(timeout=0.1) in a loop that tries again on queue.Empty (it still
# waits in get(), and stops only on None); the late-producer test must not mistake it for giving up.
def worker(q, results):
    while True:
        try:
            item = q.get(timeout=0.1)
        except queue.Empty:
            continue
        if item is None:
            q.task_done()
            return
        results.append(item * item)
        q.task_done()
