# replaces: join-run-all
# expect: lose join-run-all-test-waits
# message: still running
# Mistake 6: starts every thread but never joins, so it returns while the tasks still run.
def run_all(tasks):
    for task in tasks:
        threading.Thread(target=task).start()
