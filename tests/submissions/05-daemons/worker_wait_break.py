# replaces: daemons-stoppable
# expect: full
# Correct: stop.wait() as the loop's exit test, daemon=False said out loud, names imported in the cell.
from threading import Event, Thread


def start_worker(step, cleanup, interval):
    stop = Event()

    def loop():
        try:
            while True:
                step()
                if stop.wait(interval):
                    break
        finally:
            cleanup()

    thread = Thread(target=loop, name="stoppable", daemon=False)
    thread.start()
    return thread, stop
