# replaces: pools-workers
# expect: full
# Correct, written differently: an object() sentinel, task_done() and q.join(), then the workers are joined.
STOP = object()


class WorkerPool:
    def __init__(self, workers):
        self.queue = queue.Queue()
        self.errors = []
        self.workers = []
        for n in range(workers):
            worker = threading.Thread(target=self._work, name=f"w{n}", daemon=True)
            worker.start()
            self.workers.append(worker)

    def submit(self, func, *args):
        self.queue.put(lambda: func(*args))

    def _work(self):
        while True:
            task = self.queue.get()
            try:
                if task is STOP:
                    return
                task()
            except BaseException as exc:
                self.errors.append(exc)
            finally:
                self.queue.task_done()

    def shutdown(self):
        self.queue.join()
        for _ in self.workers:
            self.queue.put(STOP)
        for worker in self.workers:
            worker.join()
