# replaces: join-first
# expect: full
# Correct, differently: the first thread to finish records its result and sets an Event.
def first_result(functions):
    first = []
    lock = threading.Lock()
    done = threading.Event()

    def run(f):
        value = f()
        with lock:
            if not first:
                first.append(value)
                done.set()

    for f in functions:
        threading.Thread(target=run, args=(f,), daemon=True).start()
    done.wait()
    return first[0]
