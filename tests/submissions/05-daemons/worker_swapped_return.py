# replaces: daemons-stoppable
# expect: lose daemons-stoppable-test-stops daemons-stoppable-test-exit daemons-stoppable-test-prompt daemons-stoppable-test-finally
# message: must return \(thread, stop\)
# Returns (stop, thread) instead of (thread, stop).
import threading


def start_worker(step, cleanup, interval):
    """Start a worker calling step() every `interval` s until stopped, then cleanup(); return (thread, stop)."""
    stop = threading.Event()

    def work():
        try:
            while not stop.is_set():
                step()
                stop.wait(interval)
        finally:
            cleanup()

    thread = threading.Thread(target=work)
    thread.start()
    return stop, thread
