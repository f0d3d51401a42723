# replaces: queues-worker
# expect: full
# Correct, written differently: iter(q.get, None) stops at the sentinel.
def worker(q, results):
    for item in iter(q.get, None):
        results.append(item ** 2)
        q.task_done()
    q.task_done()  # for the None
