# replaces: queues-worker
# expect: lose queues-worker-test-task-done
# message: never returned: call q.task_done\(\)
# Mistake 12: no task_done(), so q.join() never returns.
def worker(q, results):
    while True:
        item = q.get()
        if item is None:
            return
        results.append(item * item)
