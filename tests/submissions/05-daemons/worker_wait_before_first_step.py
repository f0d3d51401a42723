# replaces: daemons-stoppable
# expect: lose daemons-stoppable-test-prompt
# message: not called at once
# while not stop.wait(interval): step() rests a whole interval before the first step.
import threading


def start_worker(step, cleanup, interval):
    """Start a worker calling step() every `interval` s until stopped, then cleanup(); return (thread, stop)."""
    stop = threading.Event()

    def work():
        try:
            while not stop.wait(interval):  # False every interval, True as soon as stop is set
                step()
        finally:
            cleanup()

    thread = threading.Thread(target=work)
    thread.start()
    return thread, stop
