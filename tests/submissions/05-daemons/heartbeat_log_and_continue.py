# replaces: daemons-heartbeat
# expect: full
# Correct: a beat() that raises is logged and the heartbeat beats on; the spec leaves failing beats to the learner.
import logging
import threading
import time



def start_heartbeat(beat, interval):
    """Start a thread that calls beat() every `interval` seconds and never blocks exit; return the thread."""
    def loop():
        while True:
            try:
                beat()
            except Exception:
                # a heartbeat should survive one bad beat
                logging.getLogger("heartbeat").exception("beat() failed")
            time.sleep(interval)

    t = threading.Thread(target=loop, name="heartbeat", daemon=True)
    t.start()
    return t
