# replaces: daemons-stoppable
# expect: full
# Correct by the spec's stated bound (red team said wrong): 0.5 s time.sleep chunks notice stop within 0.5 s, inside the 1 s the spec allows.
import threading
import time


def start_worker(step, cleanup, interval):
    """Start a worker calling step() every `interval` s until stopped, then cleanup(); return (thread, stop)."""
    stop = threading.Event()

    def work():
        try:
            while not stop.is_set():
                step()
                rested = 0.0
                while rested < interval and not stop.is_set():  # check stop now and then during a long rest
                    nap = min(0.5, interval - rested)
                    time.sleep(nap)
                    rested += nap
        finally:
            cleanup()

    thread = threading.Thread(target=work)
    thread.start()
    return thread, stop
