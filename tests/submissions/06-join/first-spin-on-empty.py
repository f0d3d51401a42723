# replaces: join-first
# expect: lose join-first-test-no-spin
# message: busy-waiting
# Mistake 24: spins on results.empty().
import queue
import threading


def first_result(functions):
    """Return the result of whichever function finishes first, without waiting for the rest."""
    results = queue.Queue()
    for f in functions:
        threading.Thread(target=lambda f=f: results.put(f()), daemon=True).start()
    while results.empty():
        pass
    return results.get_nowait()
