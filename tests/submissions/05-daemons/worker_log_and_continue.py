# replaces: daemons-stoppable
# expect: full
# Correct (a known earlier miss): a failing step() is logged and the worker carries on until stopped; cleanup in finally, once.
import logging
import threading


def start_worker(step, cleanup, interval):
    """Start a worker calling step() every `interval` s until stopped, then cleanup(); return (thread, stop)."""
    stop = threading.Event()

    def work():
        try:
            while True:
                try:
                    step()
                except Exception:
                    logging.getLogger("worker").exception("step() failed, carrying on")
                if stop.wait(interval):
                    break
        finally:
            cleanup()

    thread = threading.Thread(target=work, daemon=False)
    thread.start()
    return thread, stop
