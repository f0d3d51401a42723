# replaces: join-first
# expect: lose join-first-test-result join-first-test-any-order join-first-test-first-wins
# message: did not finish within
# Waits for every thread (joins in list order) before answering.
def first_result(functions):
    results = queue.Queue()
    threads = [threading.Thread(target=lambda f=function: results.put(f()), daemon=True) for function in functions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results.get()
