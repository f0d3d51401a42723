# replaces: daemons-stoppable
# expect: lose daemons-stoppable-test-stops daemons-stoppable-test-prompt daemons-stoppable-test-finally
# message: new Event in every call
# The stop Event is a default argument, made once: every later worker gets the same, already set Event.
import threading


def start_worker(step, cleanup, interval, stop=threading.Event()):
    """Start a worker calling step() every `interval` s until stopped, then cleanup(); return (thread, stop)."""
    def work():
        try:
            while not stop.is_set():
                step()
                stop.wait(interval)
        finally:
            cleanup()

    thread = threading.Thread(target=work, name="worker")
    thread.start()
    return thread, stop
