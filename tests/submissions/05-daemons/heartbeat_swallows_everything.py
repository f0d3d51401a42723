# replaces: daemons-heartbeat
# expect: full
# Correct (a known earlier miss): a bare except swallows every beat() error, even SystemExit, and beats on "for as long as the program runs".
import threading
import time


def start_heartbeat(beat, interval):
    def loop():
        while True:
            try:
                beat()
            except:  # noqa: E722 - a heartbeat must survive anything a beat does
                pass
            time.sleep(interval)

    thread = threading.Thread(target=loop, name="heartbeat", daemon=True)
    thread.start()
    return thread
