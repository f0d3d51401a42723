# replaces: join-run-all
# expect: full
# Correct, differently: Thread subclasses report on a Queue; the caller takes one report per task, then joins.
import queue
import threading


class TaskThread(threading.Thread):
    def __init__(self, task, finished):
        super().__init__()
        self.task = task
        self.finished = finished

    def run(self):
        try:
            self.task()
        finally:
            self.finished.put(self.name)


def run_all(tasks):
    """Run every task in its own thread, concurrently; return when all have finished."""
    finished = queue.Queue()
    threads = [TaskThread(task, finished) for task in tasks]
    for t in threads:
        t.start()
    for _ in threads:
        finished.get()
    for t in threads:
        t.join()
