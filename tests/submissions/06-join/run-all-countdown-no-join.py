# replaces: join-run-all
# expect: full
# Correct, differently: waits until every task function has returned (a countdown), without joining:
# "every one has finished" is about the tasks; the threads end by themselves a moment later.
def run_all(tasks):
    left = [len(tasks)]
    cond = threading.Condition()
    def run(task):
        task()
        with cond:
            left[0] -= 1
            cond.notify_all()
    for task in tasks:
        threading.Thread(target=run, args=(task,)).start()
    with cond:
        cond.wait_for(lambda: left[0] == 0)
