# replaces: join-run-all
# expect: lose join-run-all-test-concurrent
# message: calling thread|called run_all
# Runs the last task in the calling thread instead of a thread of its own (the barrier of 4 still passes).
import threading


def run_all(tasks):
    """Run every task in its own thread, concurrently; return when all have finished."""
    if not tasks:
        return
    *others, last = tasks
    threads = [threading.Thread(target=task) for task in others]
    for t in threads:
        t.start()
    last()  # the calling thread would only sit in join() anyway: let it do some work
    for t in threads:
        t.join()
