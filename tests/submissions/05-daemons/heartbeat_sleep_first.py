# replaces: daemons-heartbeat
# expect: lose daemons-heartbeat-test-beats
# message: call beat\(\) first
# Rests before the first beat: the spec says beat(), then rest.
import threading
import time


def start_heartbeat(beat, interval):
    """Start a thread that calls beat() every `interval` seconds and never blocks exit; return the thread."""
    def loop():
        while True:
            time.sleep(interval)  # wait one period, then beat
            beat()

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    return t
