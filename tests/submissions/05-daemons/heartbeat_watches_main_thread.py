# replaces: daemons-heartbeat
# expect: lose daemons-heartbeat-test-exits
# message: stopped beating when the main thread ended
# Non-daemon heartbeat that beats while the main thread is alive: it stops while another thread still runs the program, and delays exit by a whole interval.
import threading
import time


def start_heartbeat(beat, interval):
    """Start a thread that calls beat() every `interval` seconds and never blocks exit; return the thread."""
    main = threading.main_thread()

    def loop():
        # non-daemon so it is never cut off mid-beat; it quits by itself once the main thread is gone
        while main.is_alive():
            beat()
            time.sleep(interval)

    t = threading.Thread(target=loop, name="heartbeat", daemon=False)
    t.start()
    return t
