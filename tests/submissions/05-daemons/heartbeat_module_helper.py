# replaces: daemons-heartbeat
# expect: full
# Correct: a module-level function as the target, with args.
import threading
import time


def _beat_forever(beat, interval):
    while True:
        beat()
        time.sleep(interval)


def start_heartbeat(beat, interval):
    """Start a thread that calls beat() every `interval` seconds and never blocks exit; return the thread."""
    thread = threading.Thread(target=_beat_forever, args=(beat, interval), name="heartbeat", daemon=True)
    thread.start()
    return thread
