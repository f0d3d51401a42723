# replaces: daemons-heartbeat
# expect: lose daemons-heartbeat-test-beats
# message: in the one thread|only there
# A new Timer thread for every beat: not one thread calling beat() over and over; the returned one is only the first.
import threading


def start_heartbeat(beat, interval):
    """Start a thread that calls beat() every `interval` seconds and never blocks exit; return the thread."""
    def tick():
        beat()
        nxt = threading.Timer(interval, tick)
        nxt.daemon = True
        nxt.start()

    first = threading.Timer(0, tick)  # first beat right away
    first.daemon = True
    first.start()
    return first
