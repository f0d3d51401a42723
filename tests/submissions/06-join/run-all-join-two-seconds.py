# replaces: join-run-all
# expect: lose join-run-all-test-waits
# message: still running
# Mistake 7 with a longer timeout: join(2.0) for each thread, no is_alive() check.
def run_all(tasks):
    threads = [threading.Thread(target=t) for t in tasks]
    for t in threads: t.start()
    for t in threads: t.join(2.0)
