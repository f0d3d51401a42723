# replaces: daemons-stoppable
# expect: lose daemons-stoppable-test-finally
# message: cleanup\(\) never ran after step\(\) raised
# Cleanup after the loop but not in finally: a step that raises skips it.
def start_worker(step, cleanup, interval):
    stop = threading.Event()

    def loop():
        while not stop.is_set():
            step()
            stop.wait(interval)
        cleanup()

    thread = threading.Thread(target=loop)
    thread.start()
    return thread, stop
