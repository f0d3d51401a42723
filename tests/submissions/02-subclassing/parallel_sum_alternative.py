# replaces: subclassing-parallel-sum
# expect: full
# Correct, written differently: a running total in the loop, the first error re-raised from a generator.
class PartSum(Thread):
    def __init__(self, part, **options):
        super().__init__(**options)
        self.part = part

    def run(self):
        self.total, self.error = 0, None
        try:
            for number in self.part:
                self.total += number
        except BaseException as exc:
            self.error = exc


def parallel_sum(parts):
    workers = [PartSum(part, name=f"part-{k}") for k, part in enumerate(parts)]
    for worker in workers:
        worker.start()
    grand_total = 0
    for worker in workers:
        worker.join()
        grand_total += worker.total
    errors = [worker.error for worker in workers if worker.error]
    if errors:
        raise errors[0]
    return grand_total
