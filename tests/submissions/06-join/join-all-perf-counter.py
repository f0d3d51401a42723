# replaces: join-join-all
# expect: full
# Correct, differently: the deadline on time.perf_counter(), another monotonic clock; filter() keeps the order.
import time


def join_all(threads, timeout):
    """Join the threads within one overall deadline; return those still alive."""
    end = time.perf_counter() + timeout

    def time_left():
        return max(0.0, end - time.perf_counter())

    for thread in threads:
        thread.join(timeout=time_left())
    return list(filter(lambda thread: thread.is_alive(), threads))
