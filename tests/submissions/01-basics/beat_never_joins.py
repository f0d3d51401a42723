# replaces: basics-beat
# expect: lose basics-beat-test-in-turn
# message: ran at the same time
# No join() at all: the threads are started one after another, but nothing waits for the previous one.
def beat(func, times):
    threads = []
    for i in range(times):
        thread = threading.Thread(target=func, name=f"beat-{i}")
        thread.start()
        threads.append(thread)
    return threads
