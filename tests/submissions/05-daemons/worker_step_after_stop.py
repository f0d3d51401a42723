# replaces: daemons-stoppable
# expect: lose daemons-stoppable-test-prompt
# message: once more after stop was set
# Ignores what stop.wait() returns: a rest cut short by stop is followed by one more step().
import threading


def start_worker(step, cleanup, interval):
    """Start a worker calling step() every `interval` s until stopped, then cleanup(); return (thread, stop)."""
    stop = threading.Event()

    def work():
        try:
            step()
            while not stop.is_set():
                stop.wait(interval)
                step()
        finally:
            cleanup()

    thread = threading.Thread(target=work, name="worker")
    thread.start()
    return thread, stop
