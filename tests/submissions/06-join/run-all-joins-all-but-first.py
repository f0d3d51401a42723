# replaces: join-run-all
# expect: lose join-run-all-test-waits
# message: still running
# Joins every thread but the first.
def run_all(tasks):
    threads = [threading.Thread(target=t) for t in tasks]
    for t in threads: t.start()
    for t in threads[1:]: t.join()
