# replaces: daemons-stoppable
# expect: full
# Correct: a fixed-rate schedule on time.monotonic(), resting with stop.wait(time left).
import threading
import time


def start_worker(step, cleanup, interval):
    """Start a worker calling step() every `interval` s until stopped, then cleanup(); return (thread, stop)."""
    stop = threading.Event()

    def work():
        next_step = time.monotonic()
        try:
            while not stop.is_set():
                step()
                next_step += interval
                # if a step overran its slot, start the next one right away (no catch-up burst)
                next_step = max(next_step, time.monotonic())
                if stop.wait(next_step - time.monotonic()):
                    break
        finally:
            cleanup()

    thread = threading.Thread(target=work, name="stoppable worker")
    thread.start()
    return thread, stop
