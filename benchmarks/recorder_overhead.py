"""How much wall time the recorder adds to a 200-thread workload (target: at most 5 %).

    python benchmarks/recorder_overhead.py [--threads 200] [--repeats 7]

Each thread sleeps, takes a shared lock, passes an item through a queue and
waits on an event: every patched call is on the path. The median of several
runs with and without `record_timeline()` is compared.
"""

import argparse
import queue
import statistics
import threading
import time

from threadlab import record_timeline

STEPS = 5
NAP = 0.002


def workload(n_threads: int) -> None:
    lock = threading.Lock()
    items = queue.Queue()
    go = threading.Event()
    total = [0]

    def worker() -> None:
        go.wait()
        for _ in range(STEPS):
            time.sleep(NAP)
            with lock:
                total[0] += 1
            items.put(1)
            items.get()

    threads = [threading.Thread(target=worker) for _ in range(n_threads)]
    for t in threads:
        t.start()
    go.set()
    for t in threads:
        t.join()
    assert total[0] == n_threads * STEPS


def timed(n_threads: int, recorded: bool) -> float:
    start = time.perf_counter()
    if recorded:
        with record_timeline() as timeline:
            workload(n_threads)
        assert len(timeline.rows) == n_threads + 1
    else:
        workload(n_threads)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    plain, recorded = [], []
    for _ in range(args.repeats):  # interleaved, so machine noise hits both alike
        plain.append(timed(args.threads, recorded=False))
        recorded.append(timed(args.threads, recorded=True))
    base, with_recorder = statistics.median(plain), statistics.median(recorded)
    print(f"{args.threads} threads x {STEPS} steps, median of {args.repeats}:")
    print(f"  without recorder {base * 1000:8.1f} ms")
    print(f"  with recorder    {with_recorder * 1000:8.1f} ms")
    print(f"  ratio            {with_recorder / base:8.3f}  (target <= 1.05)")


if __name__ == "__main__":
    main()
