# replaces: join-first
# expect: full
# Correct (the red team said wrong): ordinary non-daemon threads. first_result does not wait for them; at
# exit they hold the program exactly as a pool shut down with wait=False does, which the spec allows.
import queue
import threading


def first_result(functions):
    """Return the result of whichever function finishes first, without waiting for the rest."""
    results = queue.Queue()

    def run(f):
        results.put(f())

    for f in functions:
        threading.Thread(target=run, args=(f,)).start()
    return results.get()  # blocks until the first result arrives
