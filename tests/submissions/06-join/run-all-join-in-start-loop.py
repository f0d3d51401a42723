# replaces: join-run-all
# expect: lose join-run-all-test-concurrent
# message: same time
# Mistake 5: join() inside the start loop, so the tasks run one after another.
def run_all(tasks):
    for task in tasks:
        t = threading.Thread(target=task)
        t.start()
        t.join()
