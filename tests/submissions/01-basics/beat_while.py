# replaces: basics-beat
# expect: full
# Different but correct: named after creation, a while loop.
def beat(func, times):
    threads = []
    while len(threads) < times:
        thread = threading.Thread(target=func)
        thread.name = f"beat-{len(threads)}"
        threads.append(thread)
        thread.start()
        thread.join(timeout=None)
    return threads
