# replaces: join-first
# expect: full
# Correct: daemon threads put their results on a Queue; get() blocks for the first.
import queue
import threading


def first_result(functions):
    """Return the result of whichever function finishes first, without waiting for the rest."""
    results = queue.Queue()

    def run(f):
        results.put(f())

    for f in functions:
        threading.Thread(target=run, args=(f,), daemon=True).start()
    return results.get()
