# replaces: join-join-all
# expect: full
# Correct, differently: a daemon helper joins the group and sets an Event; one Event.wait(timeout).
# The helper may outlive the call while threads are stuck: it ends by itself once they have (spec says so).
import threading


def join_all(threads, timeout):
    """Join the threads within one overall deadline; return those still alive."""
    all_done = threading.Event()

    def join_them():
        for t in threads:
            t.join()
        all_done.set()

    # daemon: if some thread is stuck forever, this helper must not keep the program alive
    threading.Thread(target=join_them, name="join_all helper", daemon=True).start()
    all_done.wait(timeout)
    return [t for t in threads if t.is_alive()]
