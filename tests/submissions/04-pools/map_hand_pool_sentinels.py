# replaces: pools-map
# expect: full
# Correct, by hand: `workers` threads, one sentinel each, results by index, the earliest item's exception raised.
import queue
import threading


def parallel_map(func, items, workers):
    """[func(x) for x in items], computed by `workers` threads at once; a task's exception is raised here."""
    tasks = queue.Queue()
    results = {}
    errors = {}

    def work():
        while (task := tasks.get()) is not None:
            i, x = task
            try:
                results[i] = func(x)
            except BaseException as exc:
                errors[i] = exc

    threads = [threading.Thread(target=work, name=f"map-worker-{n}") for n in range(workers)]
    for t in threads:
        t.start()
    count = 0
    for x in items:             # any iterable, a generator too
        tasks.put((count, x))
        count += 1
    for _ in threads:
        tasks.put(None)
    for t in threads:
        t.join()
    if errors:
        raise errors[min(errors)]
    return [results[i] for i in range(count)]
