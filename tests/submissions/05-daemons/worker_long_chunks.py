# replaces: daemons-stoppable
# expect: lose daemons-stoppable-test-prompt
# message: within 1 s of stop.set\(\)
# Rests in 5 s time.sleep chunks, checking stop between them: stop is noticed up to 5 s late, not within the 1 s the spec allows.
import threading
import time


def start_worker(step, cleanup, interval):
    stop = threading.Event()

    def work():
        try:
            while not stop.is_set():
                step()
                rested = 0.0
                while rested < interval and not stop.is_set():
                    nap = min(5.0, interval - rested)
                    time.sleep(nap)
                    rested += nap
        finally:
            cleanup()

    thread = threading.Thread(target=work)
    thread.start()
    return thread, stop
