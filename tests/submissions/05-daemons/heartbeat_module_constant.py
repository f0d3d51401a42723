# replaces: daemons-heartbeat
# expect: full
# Correct (red team said wrong): a module-level constant; the fresh-Python run now keeps top-level assignments, as the spec says.
import threading
import time

HEARTBEAT_NAME = "heartbeat"


def start_heartbeat(beat, interval):
    """Start a thread that calls beat() every `interval` seconds and never blocks exit; return the thread."""
    def loop():
        while True:
            beat()
            time.sleep(interval)

    t = threading.Thread(target=loop, name=HEARTBEAT_NAME, daemon=True)
    t.start()
    return t
