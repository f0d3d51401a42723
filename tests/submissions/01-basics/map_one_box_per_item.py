# replaces: basics-map
# expect: full
# Different but correct: each thread appends to a one-item list of its own, read in item order.
import threading


def map_in_threads(func, items):
    """[func(item) for item in items], each call in its own thread, all at once."""
    boxes = []
    threads = []
    for item in items:
        box = []
        boxes.append(box)
        threads.append(threading.Thread(target=lambda box=box, item=item: box.append(func(item))))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [box[0] for box in boxes]
