# replaces: join-run-all
# expect: full
# Correct, differently: a countdown on a Condition, then joins.
import threading


def run_all(tasks):
    """Run every task in its own thread, concurrently; return when all have finished."""
    done = threading.Condition()
    remaining = len(tasks)

    def run(task):
        nonlocal remaining
        try:
            task()
        finally:
            with done:
                remaining -= 1
                done.notify_all()

    threads = [threading.Thread(target=run, args=(task,)) for task in tasks]
    for t in threads:
        t.start()
    with done:
        done.wait_for(lambda: remaining == 0)
    for t in threads:
        t.join()
