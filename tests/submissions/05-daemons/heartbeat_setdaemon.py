# replaces: daemons-heartbeat
# expect: lose daemons-heartbeat-test-modern
# message: deprecated threading API: setDaemon
# Mistake 26: the seed's deprecated setDaemon(True).
def start_heartbeat(beat, interval):
    def loop():
        while True:
            beat()
            time.sleep(interval)

    thread = threading.Thread(target=loop)
    thread.setDaemon(True)
    thread.start()
    return thread
