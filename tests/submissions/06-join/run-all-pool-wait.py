# replaces: join-run-all
# expect: full
# Correct, differently: a pool as wide as the task list, concurrent.futures.wait for all, empty list handled.
def run_all(tasks):
    if not tasks: return
    pool = ThreadPoolExecutor(len(tasks))
    fs = [pool.submit(t) for t in tasks]
    wait(fs)
    pool.shutdown(wait=False)
