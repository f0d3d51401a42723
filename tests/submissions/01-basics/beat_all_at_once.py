# replaces: basics-beat
# expect: lose basics-beat-test-in-turn
# message: ran at the same time
# The threads were asked to take turns, but all run at once.
def beat(func, times):
    threads = [threading.Thread(target=func, name=f"beat-{i}") for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return threads
