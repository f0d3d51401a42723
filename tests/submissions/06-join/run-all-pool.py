# replaces: join-run-all
# expect: full
# Correct, differently: a pool as wide as the task list; leaving the `with` block waits for all.
from concurrent.futures import ThreadPoolExecutor


def run_all(tasks):
    if not tasks:
        return
    with ThreadPoolExecutor(max_workers=len(tasks)) as pool:
        for task in tasks:
            pool.submit(task)
