# replaces: daemons-stoppable
# expect: full
# Correct: ExitStack.callback(cleanup), return from the loop when stop.wait() is True, daemon=False by attribute.
import contextlib
import threading


def start_worker(step, cleanup, interval):
    """Start a worker calling step() every `interval` s until stopped, then cleanup(); return (thread, stop)."""
    stop = threading.Event()

    def work():
        with contextlib.ExitStack() as stack:
            stack.callback(cleanup)
            while True:
                step()
                if stop.wait(interval):
                    return

    thread = threading.Thread(target=work, name="worker")
    thread.daemon = False  # must not be cut off at exit, whoever creates it
    thread.start()
    return thread, stop
