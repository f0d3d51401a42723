# replaces: daemons-stoppable
# expect: lose daemons-stoppable-test-prompt
# message: notice the stop signal at once
# Rests with time.sleep(interval): the stop signal waits for the end of the nap.
def start_worker(step, cleanup, interval):
    stop = threading.Event()

    def loop():
        try:
            while not stop.is_set():
                step()
                time.sleep(interval)
        finally:
            cleanup()

    thread = threading.Thread(target=loop)
    thread.start()
    return thread, stop
