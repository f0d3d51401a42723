"""How much wall time the recorder adds to a 200-thread workload (target: at most 5 %).

    python benchmarks/recorder_overhead.py [--threads 200] [--repeats 15]

Each thread waits for a start signal, then 5 times: sleeps, takes a shared
lock, passes an item through a queue. Every patched call is on the path. Two
nap lengths: 20 ms, the scale of the course's own examples, and 2 ms, a stress
case where 200 threads record ~20,000 events a second and thread start-up
dominates. Runs with and without `record_timeline()` are interleaved so machine
noise hits both alike; medians are compared.
"""

import argparse
import queue
import statistics
import threading
import time

from threadlab import record_timeline

STEPS = 5
TARGET = 1.05


def workload(n_threads: int, nap: float) -> None:
    lock = threading.Lock()
    items = queue.Queue()
    go = threading.Event()
    total = [0]

    def worker() -> None:
        go.wait()
        for _ in range(STEPS):
            time.sleep(nap)
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


def timed(n_threads: int, nap: float, recorded: bool) -> tuple[float, int]:
    """Seconds taken, and how many intervals the recorder kept (0 when not recording)."""
    start = time.perf_counter()
    if not recorded:
        workload(n_threads, nap)
        return time.perf_counter() - start, 0
    with record_timeline() as timeline:
        workload(n_threads, nap)
    seconds = time.perf_counter() - start
    assert len(timeline.rows) == n_threads + 1
    return seconds, len(timeline.intervals) + 2 * len(timeline.rows)


def compare(n_threads: int, nap: float, repeats: int) -> None:
    plain, recorded, events = [], [], 0
    for _ in range(repeats):
        plain.append(timed(n_threads, nap, recorded=False)[0])
        seconds, events = timed(n_threads, nap, recorded=True)
        recorded.append(seconds)
    base, with_recorder = statistics.median(plain), statistics.median(recorded)
    ratio = with_recorder / base
    per_event = (with_recorder - base) / events * 1e6
    verdict = "meets" if ratio <= TARGET else "misses"
    print(f"{n_threads} threads, {STEPS} naps of {nap * 1000:g} ms: {base * 1000:7.1f} ms plain, "
          f"{with_recorder * 1000:7.1f} ms recorded ({events} events), ratio {ratio:.3f} "
          f"({verdict} {TARGET}), {per_event:.2f} µs per event")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    for nap in (0.020, 0.002):
        compare(args.threads, nap, args.repeats)


if __name__ == "__main__":
    main()
