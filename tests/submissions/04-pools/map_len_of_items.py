# replaces: pools-map
# expect: lose pools-map-test-inputs
# message: generator
# len(items) and items[i]: a generator input raises TypeError.
import queue
import threading


def parallel_map(func, items, workers):
    """[func(x) for x in items], computed by `workers` threads at once; a task's exception is raised here."""
    results = [None] * len(items)
    errors = []
    todo = queue.Queue()
    for i in range(len(items)):
        todo.put(i)

    def work():
        while True:
            try:
                i = todo.get_nowait()
            except queue.Empty:
                return
            try:
                results[i] = func(items[i])
            except Exception as exc:
                errors.append((i, exc))

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise min(errors, key=lambda e: e[0])[1]
    return results
