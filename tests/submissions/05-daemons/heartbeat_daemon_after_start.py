# replaces: daemons-heartbeat
# expect: lose daemons-heartbeat-test-beats daemons-heartbeat-test-exits
# message: set daemon after start\(\)
# Mistake 21: setting daemon after start() raises RuntimeError.
def start_heartbeat(beat, interval):
    def loop():
        while True:
            beat()
            time.sleep(interval)

    thread = threading.Thread(target=loop)
    thread.start()
    thread.daemon = True
    return thread
