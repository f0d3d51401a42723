# replaces: daemons-heartbeat
# expect: lose daemons-heartbeat-test-beats
# message: must return the Thread
# Starts a correct daemon heartbeat but returns None instead of the Thread.
import threading
import time


def start_heartbeat(beat, interval):
    """Start a thread that calls beat() every `interval` seconds and never blocks exit; return the thread."""
    def loop():
        while True:
            beat()
            time.sleep(interval)

    heartbeat = threading.Thread(target=loop, daemon=True)
    heartbeat.start()
