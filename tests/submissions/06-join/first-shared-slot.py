# replaces: join-first
# expect: lose join-first-test-first-wins
# message: overwritten
# Every finisher writes one shared slot before setting the Event: a later finisher can replace the first
# answer before it is read.
import threading


def first_result(functions):
    """Return the result of whichever function finishes first, without waiting for the rest."""
    answer = {}
    done = threading.Event()

    def run(f):
        answer["value"] = f()
        done.set()

    for f in functions:
        threading.Thread(target=run, args=(f,), daemon=True).start()
    done.wait()
    return answer["value"]
