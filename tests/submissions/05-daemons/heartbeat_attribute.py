# replaces: daemons-heartbeat
# expect: full
# Correct: the daemon attribute before start(), resting on an Event nobody sets.
def start_heartbeat(beat, interval):
    """Start a thread that calls beat() every `interval` seconds and never blocks exit; return the thread."""
    never = threading.Event()

    def loop():
        while True:
            beat()
            never.wait(interval)

    t = threading.Thread(target=loop)
    t.daemon = True
    t.start()
    return t
