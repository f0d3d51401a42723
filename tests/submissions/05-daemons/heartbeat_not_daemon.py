# replaces: daemons-heartbeat
# expect: lose daemons-heartbeat-test-exits
# message: heartbeat thread is not a daemon
# Mistake 20: an endless thread that is not a daemon keeps the program alive.
def start_heartbeat(beat, interval):
    def loop():
        while True:
            beat()
            time.sleep(interval)

    thread = threading.Thread(target=loop)
    thread.start()
    return thread
