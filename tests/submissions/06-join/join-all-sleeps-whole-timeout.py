# replaces: join-join-all
# expect: lose join-join-all-test-finished
# message: sleep out the whole timeout
# Sleeps the whole timeout instead of joining: waits 10 s for threads that finished at once.
import time


def join_all(threads, timeout):
    """Join the threads within one overall deadline; return those still alive."""
    time.sleep(timeout)  # one wait for the whole group, never longer than timeout
    return [t for t in threads if t.is_alive()]
