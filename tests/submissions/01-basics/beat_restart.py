# replaces: basics-beat
# expect: lose basics-beat-test-fresh basics-beat-test-in-turn
# message: can be started only once
# Mistake 4: starting the same Thread again.
def beat(func, times):
    thread = threading.Thread(target=func, name="beat-0")
    threads = []
    for i in range(times):
        thread.name = f"beat-{i}"
        thread.start()
        thread.join()
        threads.append(thread)
    return threads
