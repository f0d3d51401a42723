# replaces: daemons-stoppable
# expect: lose daemons-stoppable-test-finally
# message: cleanup\(\) ran 2 times
# Cleans up in except and again in finally: twice when step() raises.
import threading


def start_worker(step, cleanup, interval):
    """Start a worker calling step() every `interval` s until stopped, then cleanup(); return (thread, stop)."""
    stop = threading.Event()

    def work():
        try:
            while not stop.is_set():
                step()
                stop.wait(interval)
        except Exception:
            cleanup()  # step failed: clean up before re-raising
            raise
        finally:
            cleanup()

    thread = threading.Thread(target=work, name="worker")
    thread.start()
    return thread, stop
