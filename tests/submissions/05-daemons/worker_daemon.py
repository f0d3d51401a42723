# replaces: daemons-stoppable
# expect: lose daemons-stoppable-test-exit
# message: worker is a daemon thread
# Mistake 22: a daemon worker relies on finally for its cleanup; at exit it is cut off.
def start_worker(step, cleanup, interval):
    stop = threading.Event()

    def loop():
        try:
            while not stop.is_set():
                step()
                stop.wait(interval)
        finally:
            cleanup()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    return thread, stop
