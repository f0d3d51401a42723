# replaces: daemons-heartbeat
# expect: lose daemons-heartbeat-test-modern
# message: deprecated threading API: setName
# Mistake 26: daemon=True is right, but setName() is the deprecated setter.
import threading
import time


def start_heartbeat(beat, interval):
    """Start a thread that calls beat() every `interval` seconds and never blocks exit; return the thread."""
    def loop():
        while True:
            beat()
            time.sleep(interval)

    t = threading.Thread(target=loop, daemon=True)
    t.setName("heartbeat")
    t.start()
    return t
