# replaces: daemons-stoppable
# expect: full
# Correct: a Thread subclass that owns its stop Event, daemon=False said out loud.
import threading


class StoppableWorker(threading.Thread):
    def __init__(self, step, cleanup, interval):
        super().__init__(name="worker", daemon=False)
        self.step = step
        self.cleanup = cleanup
        self.interval = interval
        self.stop = threading.Event()

    def run(self):
        try:
            while not self.stop.is_set():
                self.step()
                if self.stop.wait(self.interval):
                    break
        finally:
            self.cleanup()


def start_worker(step, cleanup, interval):
    """Start a worker calling step() every `interval` s until stopped, then cleanup(); return (thread, stop)."""
    worker = StoppableWorker(step, cleanup, interval)
    worker.start()
    return worker, worker.stop
