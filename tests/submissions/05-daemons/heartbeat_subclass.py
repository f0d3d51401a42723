# replaces: daemons-heartbeat
# expect: full
# Correct: a Thread subclass that is a daemon by construction.
class Heartbeat(threading.Thread):
    def __init__(self, beat, interval):
        super().__init__(name="heartbeat", daemon=True)
        self.beat, self.interval = beat, interval

    def run(self):
        while True:
            self.beat()
            time.sleep(self.interval)


def start_heartbeat(beat, interval):
    thread = Heartbeat(beat, interval)
    thread.start()
    return thread
