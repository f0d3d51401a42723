# replaces: daemons-stoppable
# expect: lose daemons-stoppable-test-stops daemons-stoppable-test-exit daemons-stoppable-test-prompt
# message: leave its loop once the stop|notice the stop signal
# Mistake 20 again: a non-daemon worker that never looks at its stop Event never ends.
def start_worker(step, cleanup, interval):
    stop = threading.Event()

    def loop():
        try:
            while True:
                step()
                time.sleep(interval)
        finally:
            cleanup()

    thread = threading.Thread(target=loop)
    thread.start()
    return thread, stop
