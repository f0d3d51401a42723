"""Checks for the queue exercises: schedules the test controls, so a check never hangs on luck.

- `late_queue_workers`: workers start on a queue whose producer is late (exercise 1);
- `watch_results`: a results list that sees when each square is appended (exercise 1, task_done order);
- `pipeline_results` / `pipeline_ends` / `pipeline_concurrency`: run_pipeline fed by items that are slow
  to come, with work() calls the test gates and releases (exercise 2);
- `drive_producer`: a consumer that takes one item only once the producer waits on the full queue (exercise 3).

The pipeline and producer build their own queues, so those checks watch `queue.Queue` and `Thread`
methods for the length of one check (as `threadlab.recorder` does for timelines), and only for the
threads started during the check. Two schedules are played without waiting for real time:
a producer (or consumer) "slower than any timeout": while the test holds the feed back, the first
`get(timeout=...)` on an empty queue (or `put(timeout=...)` on a full one) in each thread gives up at
once, exactly as it would after a long pause. A call that waits without a timeout is not touched.
Every wait of the test itself has a bound.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..testing import Mistake, catch_thread_exceptions

BUSY_LOOKS = 200  # looks at an empty queue without waiting: a worker doing this many is busy-polling
SETTLE = 2.0  # seconds the test waits for threads to settle when they never do (a program doing something odd)

_qsize, _full = queue.Queue.qsize, queue.Queue.full  # the originals: the test's own looks are not counted


def _errors(caught: list) -> str:
    return "; ".join(f"{c.exc_type.__name__}: {c.exc_value}" for c in caught)


def joins_within(q: queue.Queue, timeout: float = 2.0) -> bool:
    """True if `q.join()` returns within `timeout`.

    The join runs in a daemon helper: a missing task_done() then costs one
    bounded wait instead of hanging the notebook.
    """
    helper = threading.Thread(target=q.join, name="queue-join-helper", daemon=True)
    helper.start()
    helper.join(timeout)
    return not helper.is_alive()


# ----------------------------------------------------------------------------------------------
# Exercise 1: worker(q, results)
# ----------------------------------------------------------------------------------------------

class LateQueue(queue.Queue):
    """A Queue whose producer is late: until `resume()`, nothing arrives, for as long as it takes.

    While it is late, the first get() with a timeout in each thread gives up at once (queue.Empty),
    as it would after a pause longer than any timeout; looks that do not wait (empty(), qsize(),
    full(), get_nowait()) are counted per thread; a thread waiting in get() is marked as waiting.
    """

    def __init__(self) -> None:
        super().__init__()
        self.changed = threading.Condition()
        self.late = True
        self.waiting: set[threading.Thread] = set()
        self.looks: Counter = Counter()
        self.gave_up: set[threading.Thread] = set()
        self.ended: set[threading.Thread] = set()

    def _look(self) -> None:
        if self.late:
            with self.changed:
                self.looks[threading.current_thread()] += 1
                self.changed.notify_all()

    def get(self, block: bool = True, timeout: float | None = None):
        me = threading.current_thread()
        if not block or (timeout is not None and timeout <= 0):
            try:
                return super().get(block, timeout)
            finally:
                self._look()
        if timeout is not None and self.late:
            with self.changed:
                if self.late and me not in self.gave_up and not self._qsize():
                    self.gave_up.add(me)
                    self.changed.notify_all()
                    raise queue.Empty
        with self.changed:
            self.waiting.add(me)
            self.changed.notify_all()
        try:
            return super().get(block, timeout)
        finally:
            with self.changed:
                self.waiting.discard(me)

    def empty(self) -> bool:
        answer = super().empty()
        self._look()
        return answer

    def qsize(self) -> int:
        answer = super().qsize()
        self._look()
        return answer

    def full(self) -> bool:
        answer = super().full()
        self._look()
        return answer

    def resume(self) -> None:
        with self.changed:
            self.late = False


@dataclass
class WorkersRun:
    results: list
    errors: str = ""
    gave_up: int = 0  # workers that returned after get(timeout=...) found the queue empty
    quit_on_look: int = 0  # workers that returned after seeing the queue empty (while not q.empty())
    returned_early: int = 0  # workers that returned before any item, for another reason
    busy: int = 0  # workers that polled the empty queue without waiting
    still_running: int = 0  # workers still running after every item and a None each


def late_queue_workers(worker: Callable, n: int = 3, items: Iterable = range(1, 31),
                       join_timeout: float = 2.0) -> WorkersRun:
    """Start `n` workers on an empty LateQueue; only once each of them waits in get() (or has
    returned, or is busy-polling) do the items arrive, then one None per worker."""
    q = LateQueue()
    results: list = []

    def body() -> None:
        try:
            worker(q, results)
        finally:
            with q.changed:
                q.ended.add(threading.current_thread())
                q.changed.notify_all()

    threads = [threading.Thread(target=body, name=f"worker-{i}", daemon=True) for i in range(1, n + 1)]

    def settled() -> bool:
        return all(t in q.waiting or t in q.ended or q.looks[t] >= BUSY_LOOKS for t in threads)

    with catch_thread_exceptions() as caught:
        for t in threads:
            t.start()
        with q.changed:
            q.changed.wait_for(settled, SETTLE)
            run = WorkersRun(results)
            for t in threads:
                if t in q.ended:
                    if t in q.gave_up:
                        run.gave_up += 1
                    elif q.looks[t]:
                        run.quit_on_look += 1
                    else:
                        run.returned_early += 1
                elif q.looks[t] >= BUSY_LOOKS:
                    run.busy += 1
        q.resume()
        for item in items:
            q.put(item)
        for _ in threads:
            q.put(None)
        for t in threads:
            t.join(join_timeout)
        run.still_running = sum(t.is_alive() for t in threads)
    run.errors = _errors(caught)
    return run


class WatchedResults(list):
    """The `results` list for worker(): each time a square is added, it notes how many items of `q`
    are unfinished beyond those still waiting in it. At least 1 (the item in hand) means that item's
    task_done() comes after its square is in the list, so q.join() cannot return before it."""

    def __init__(self, q: queue.Queue) -> None:
        super().__init__()
        self.q = q
        self.in_hand: list[int] = []

    def _note(self) -> None:
        self.in_hand.append(self.q.unfinished_tasks - self.q.qsize())

    def append(self, value) -> None:
        self._note()
        super().append(value)

    def extend(self, values) -> None:
        self._note()
        super().extend(values)

    def insert(self, index, value) -> None:
        self._note()
        super().insert(index, value)

    def __iadd__(self, values):
        self._note()
        return super().__iadd__(values)

    def __setitem__(self, index, value) -> None:
        self._note()
        super().__setitem__(index, value)


def watch_results(q: queue.Queue) -> WatchedResults:
    return WatchedResults(q)


# ----------------------------------------------------------------------------------------------
# Watching the threads a check starts (exercises 2 and 3)
# ----------------------------------------------------------------------------------------------

class _Watch:
    """For the length of a `with` block: which threads start (in order), which a learner's thread
    joins without a timeout, what those threads do with queues. Threads that were running before
    the block (the kernel's) are never affected."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.started: list[threading.Thread] = []
        self.joined: set[threading.Thread] = set()
        self.on_join: Callable[[threading.Thread], None] = lambda thread: None
        self.caller: threading.Thread | None = None  # the helper thread that calls the learner's function
        # Pipeline: while `holding`, the feed keeps its first item back.
        self.holding = False
        self.looked: set[threading.Thread] = set()  # threads that looked at a queue while holding
        self.nonblocking: set[threading.Thread] = set()  # ... by a look that does not wait
        self.gave_up: set[threading.Thread] = set()  # ... whose get(timeout=) gave up
        self.went_on: set[threading.Thread] = set()  # threads that called get() or work() again afterwards
        self.getters: set[threading.Thread] = set()  # threads (not the caller) that called a queue's get()
        # Producer: what was put into each queue.
        self.put_items: dict[queue.Queue, list] = {}
        self.dropped: list = []  # items a put that does not wait could not put (queue.Full)
        self.timed_out: list = []  # items a put(timeout=) gave up on
        self.put_waiting: dict[threading.Thread, tuple[queue.Queue, int]] = {}  # thread -> (queue, wait number)
        self.put_waits = 0  # waits in put() on a full queue so far
        self._gave_up_put: set[threading.Thread] = set()
        self._patches: list[tuple[object, str, object]] = []

    def consumers(self) -> list[threading.Thread]:
        """Threads started during the check that took from a queue: the consumers."""
        with self.changed:
            return [t for t in self.started if t in self.getters]

    def learners(self, thread: threading.Thread) -> bool:
        return thread in self.started

    def consumer(self, thread: threading.Thread) -> bool:
        return thread in self.started and thread is not self.caller

    # -- patches ----------------------------------------------------------------------------
    def _patch(self, owner: object, name: str, make: Callable) -> None:
        previous = getattr(owner, name)
        self._patches.append((owner, name, previous))
        setattr(owner, name, make(previous))

    def __enter__(self) -> _Watch:
        watch = self

        def start(previous):
            def start(self):
                with watch.changed:
                    watch.started.append(self)
                return previous(self)
            return start

        def join(previous):
            def join(self, timeout=None):
                if timeout is None and watch.learners(threading.current_thread()):
                    with watch.changed:
                        watch.joined.add(self)
                        watch.on_join(self)
                        watch.changed.notify_all()
                return previous(self, timeout)
            return join

        def get(previous):
            def get(self, block=True, timeout=None):
                me = threading.current_thread()
                if watch.consumer(me):
                    with watch.changed:
                        watch.getters.add(me)
                        if me in watch.gave_up or me in watch.nonblocking:
                            watch.went_on.add(me)
                        if watch.holding:
                            waits = block and (timeout is None or timeout > 0)
                            if not waits:
                                watch.nonblocking.add(me)
                            elif timeout is not None and me not in watch.gave_up and not self._qsize():
                                watch.gave_up.add(me)
                                watch.looked.add(me)
                                watch.changed.notify_all()
                                raise queue.Empty
                            watch.looked.add(me)
                            watch.changed.notify_all()
                return previous(self, block, timeout)
            return get

        def look(previous):
            def look(self):
                answer = previous(self)
                me = threading.current_thread()
                if watch.holding and watch.consumer(me):
                    with watch.changed:
                        watch.looked.add(me)
                        watch.nonblocking.add(me)
                        watch.changed.notify_all()
                return answer
            return look

        def put(previous):
            def put(self, item, block=True, timeout=None):
                me = threading.current_thread()
                if not watch.learners(me):
                    return previous(self, item, block, timeout)
                waits = block and (timeout is None or timeout > 0)
                with watch.changed:
                    if waits and timeout is not None and me not in watch._gave_up_put and _full(self):
                        # The consumer pauses longer than this timeout: the put gives up, as it would.
                        watch._gave_up_put.add(me)
                        watch.timed_out.append(item)
                        watch.changed.notify_all()
                        raise queue.Full
                    if waits and _full(self):
                        watch.put_waits += 1
                        watch.put_waiting[me] = (self, watch.put_waits)
                        watch.changed.notify_all()
                try:
                    previous(self, item, block, timeout)
                except queue.Full:
                    with watch.changed:
                        (watch.timed_out if waits else watch.dropped).append(item)
                        watch.changed.notify_all()
                    raise
                finally:
                    with watch.changed:
                        watch.put_waiting.pop(me, None)
                with watch.changed:
                    watch.put_items.setdefault(self, []).append(item)
                    watch.changed.notify_all()
            return put

        self._patch(threading.Thread, "start", start)
        self._patch(threading.Thread, "join", join)
        self._patch(queue.Queue, "get", get)
        for name in ("empty", "qsize", "full"):
            self._patch(queue.Queue, name, look)
        self._patch(queue.Queue, "put", put)
        return self

    def __exit__(self, *exc_info) -> None:
        for owner, name, previous in reversed(self._patches):
            setattr(owner, name, previous)
        self._patches.clear()

    # -- running the learner's function in a helper we can watch ----------------------------
    def call(self, name: str, func: Callable, *args, at_return: Callable[[object], object] = lambda value: None):
        """Start `func(*args)` in a daemon helper; `at_return(value)` runs in the helper the instant
        func returns, before anything else can happen. Returns (helper, outcome dict)."""
        outcome: dict = {}

        def call() -> None:
            try:
                value = func(*args)
                outcome["value"] = value
                outcome["at_return"] = at_return(value)
            except BaseException as exc:  # handed back to the test
                outcome["error"] = exc
            finally:
                with self.changed:
                    outcome["returned"] = True
                    self.changed.notify_all()

        helper = threading.Thread(target=call, name=name, daemon=True)
        self.caller = helper
        helper.start()
        return helper, outcome



# ----------------------------------------------------------------------------------------------
# Exercise 2: run_pipeline(items, work, n_consumers)
# ----------------------------------------------------------------------------------------------

class _SlowItems:
    """The items, slow to come: the first one only once `consumers` threads have looked at a queue
    (and found it empty), or after SETTLE seconds if they never do."""

    def __init__(self, watch: _Watch, items: Iterable, consumers: int) -> None:
        self.watch, self.items, self.consumers = watch, iter(items), consumers
        self.exhausted = False

    def __iter__(self) -> Iterator:
        return self

    def __next__(self):
        watch = self.watch
        if watch.holding:
            with watch.changed:
                watch.changed.wait_for(lambda: len(watch.looked) >= self.consumers, SETTLE)
                watch.holding = False
        try:
            return next(self.items)
        except StopIteration:
            self.exhausted = True
            raise


@dataclass
class PipelineRun:
    n: int
    items: list
    returned: bool = False
    results: object = None
    work_args: list = field(default_factory=list)
    consumers: list = field(default_factory=list)  # threads that called work(), in order of their first call
    takers: list = field(default_factory=list)  # threads started by run_pipeline that took from a queue
    at_return: object = None
    errors: str = ""
    gave_up: int = 0  # consumers that stopped when get(timeout=...) found the queue empty
    quit_on_look: int = 0  # consumers that stopped when the queue looked empty

    def explain(self, otherwise: str) -> str:
        """The likely mistake: a consumer that quit on an empty queue, a thread that raised, or `otherwise`."""
        if self.gave_up:
            return (f"{self.gave_up} consumer(s) stopped when get(timeout=...) found the queue empty, before the "
                    "(slow) items came: an empty queue is not the end. Wait in q.get() without a timeout and "
                    "stop only when you take the sentinel.")
        if self.quit_on_look:
            return (f"{self.quit_on_look} consumer(s) stopped when the queue looked empty (while not q.empty()), "
                    "before the (slow) items came. Stop only when you take the sentinel.")
        if self.errors:
            return f"A thread raised {self.errors}. {otherwise}"
        return otherwise

    def sorted_results(self) -> list | None:
        try:
            return sorted(self.results)
        except TypeError:
            return None


def _run_pipeline(run_pipeline: Callable, items: list, work_for: Callable, n: int, *, timeout: float,
                  hint: str, at_return: Callable = lambda value: None, schedule: Callable = lambda w, o: None,
                  watch: _Watch | None = None) -> PipelineRun:
    run = PipelineRun(n, list(items))
    with catch_thread_exceptions() as caught, (watch or _Watch()) as watch:
        work = work_for(run, watch)
        feed = _SlowItems(watch, items, n)
        watch.holding = True
        helper, outcome = watch.call("bounded-run_pipeline", run_pipeline, feed, work, n, at_return=at_return)
        schedule(watch, outcome)
        helper.join(timeout)
        watch.holding = False
        if helper.is_alive():
            run.errors = _errors(caught)
            _diagnose(run, watch)
            raise Mistake(run.explain(f"run_pipeline() did not finish within {timeout:g} s. {hint}".strip()))
        if "error" in outcome:
            raise outcome["error"]
        run.returned = True
        run.results = outcome["value"]
        run.at_return = outcome.get("at_return")
        # Whatever the threads it started still do (a consumer it did not join), let them finish before looking.
        deadline = time.monotonic() + 1.0
        for thread in [t for t in list(watch.started) if t is not helper and t.ident is not None]:
            thread.join(max(0.0, deadline - time.monotonic()))
        run.takers = watch.consumers()
        run.errors = _errors(caught)
        _diagnose(run, watch)
    return run


def _diagnose(run: PipelineRun, watch: _Watch) -> None:
    with watch.changed:
        run.gave_up = len(watch.gave_up - watch.went_on)
        run.quit_on_look = len(watch.nonblocking - watch.went_on - watch.gave_up)


def _note_work(run: PipelineRun, watch: _Watch, x) -> tuple[bool, int]:
    """Record a work() call: (is it this thread's first, how many calls on items came before).
    Like x * x, work() fails on anything but a number (the sentinel): such a call is only recorded."""
    me = threading.current_thread()
    with watch.changed:
        run.work_args.append(x)
        watch.went_on.add(me)
        if not isinstance(x, int):
            raise TypeError(f"work() takes a number, not {x!r}")
        first = me not in run.consumers
        if first:
            run.consumers.append(me)
            watch.changed.notify_all()
        return first, sum(isinstance(a, int) for a in run.work_args) - 1


def pipeline_results(run_pipeline: Callable, items: list, n: int, times: int = 10, timeout: float = 4.0,
                     hint: str = "") -> PipelineRun:
    """run_pipeline(slow items, x -> x * times, n); results are read once the consumers have ended."""

    def work_for(run, watch):
        def work(x):
            _note_work(run, watch, x)
            return x * times
        return work

    return _run_pipeline(run_pipeline, items, work_for, n, timeout=timeout, hint=hint)


def pipeline_concurrency(run_pipeline: Callable, items: list, n: int, timeout: float = 5.0,
                         hint: str = "") -> tuple[PipelineRun, bool]:
    """The first `n` work() calls meet at a Barrier(n) that only n concurrent threads can pass."""
    barrier = threading.Barrier(n, timeout=2.0)
    met = []

    def work_for(run, watch):
        def work(x):
            if _note_work(run, watch, x)[1] < n:
                try:
                    barrier.wait()
                    met.append(True)
                except threading.BrokenBarrierError:
                    pass
            return x
        return work

    run = _run_pipeline(run_pipeline, items, work_for, n, timeout=timeout, hint=hint)
    return run, len(met) == n


@dataclass
class AtReturn:
    holding: list  # consumers still inside a work() call (the test may be holding it)
    running: list  # consumers still running
    results: list | None


def pipeline_ends(run_pipeline: Callable, items: list, n: int, hold: float = 3.0, timeout: float = 5.0,
                  hint: str = "") -> PipelineRun:
    """Each consumer's first work() call waits until n consumers have one (or SETTLE s). Then the
    first- and the last-started consumer stay inside work() until run_pipeline joins that thread
    without a timeout (or `hold` s pass: a program that waits some other way); the others go on,
    take the rest and their sentinels. What holds when run_pipeline returns (consumers inside
    work(), consumers alive, the results) is recorded in run.at_return, in the instant it returns:
    a correct program cannot return while a held consumer runs, and one that does not join every
    consumer returns while one of the two held ones still does."""
    held: dict[threading.Thread, threading.Event] = {}
    inside: set[threading.Thread] = set()  # consumers inside a work() call now
    state = {"chosen": False}

    def work_for(run, watch):
        def choose() -> None:  # with watch.changed held
            state["chosen"] = True
            order = sorted(run.consumers, key=lambda t: watch.started.index(t) if t in watch.started else 10**6)
            for thread in {order[0], order[-1]} if order else ():
                held[thread] = threading.Event()
                if thread in watch.joined:
                    held[thread].set()
            watch.changed.notify_all()

        def on_join(thread):
            if thread in held:
                held[thread].set()

        watch.on_join = on_join

        def work(x):
            me = threading.current_thread()
            inside.add(me)
            try:
                if _note_work(run, watch, x)[0]:
                    with watch.changed:
                        if not state["chosen"]:
                            if len(run.consumers) >= n:
                                choose()
                            elif not watch.changed.wait_for(lambda: state["chosen"], SETTLE):
                                choose()
                        gate = held.get(me)
                    if gate is not None:
                        gate.wait(hold + timeout)
                return x * x
            finally:
                inside.discard(me)
        return work

    def at_return(value) -> AtReturn:
        try:
            results = list(value)
        except TypeError:
            results = None
        return AtReturn(sorted(t.name for t in list(inside)),
                        sorted({t.name for t in run_ref[0].consumers + watch_ref[0].consumers() if t.is_alive()}),
                        results)

    def schedule(watch, outcome):
        with watch.changed:
            watch.changed.wait_for(lambda: state["chosen"] or "returned" in outcome, SETTLE + 1)
            watch.changed.wait_for(lambda: "returned" in outcome or all(g.is_set() for g in held.values()), hold)
        for gate in list(held.values()):
            gate.set()

    run_ref: list[PipelineRun] = []
    watch_ref: list[_Watch] = []

    def work_for_and_keep(run, watch):
        run_ref.append(run)
        watch_ref.append(watch)
        return work_for(run, watch)

    return _run_pipeline(run_pipeline, items, work_for_and_keep, n, timeout=timeout, hint=hint,
                         at_return=at_return, schedule=schedule)


def threads_left(run: PipelineRun) -> list[str]:
    """Names of the consumer threads still running now (after run_pipeline returned and a bounded wait)."""
    return sorted({t.name for t in run.consumers + run.takers if t.is_alive()})


# ----------------------------------------------------------------------------------------------
# Exercise 3: start_producer(items, maxsize)
# ----------------------------------------------------------------------------------------------

class _CountedItems:
    """An iterator over the items (no len, no indexing, like a generator) that counts what was taken."""

    def __init__(self, watch: _Watch, items: Iterable) -> None:
        self.watch, self.items, self.taken = watch, iter(items), 0

    def __iter__(self) -> Iterator:
        return self

    def __next__(self):
        item = next(self.items)
        with self.watch.changed:
            self.taken += 1
            self.watch.changed.notify_all()
        return item


@dataclass
class ProducerRun:
    items: list
    maxsize: int
    taken: list = field(default_factory=list)  # what the test took from the queue, in order
    most_held: int = 0  # the most items the queue held at once
    ran_ahead: int = 0  # the most items taken from `items` and not yet put (1: the one in hand)
    dropped: list = field(default_factory=list)
    timed_out: list = field(default_factory=list)
    errors: str = ""
    ended: bool = False

    def explain_ran_ahead(self) -> str:
        return (f"While the queue was full and nobody took anything, {self.ran_ahead} items taken from items "
                f"were not yet in the queue (room for {self.maxsize}): the producer ran ahead. Take the next "
                "item from items only after put() of the previous one has returned, in one producer thread "
                "(no list(items), no thread per item), so the items go in one at a time, in order.")

    def explain_delivery(self) -> str:
        expected = self.items + [None]
        if None in self.dropped:
            return ("The None was lost: put(None, block=False) (or put_nowait) raised queue.Full because the "
                    "queue was full. Put the sentinel with a put() that waits, like every item.")
        if self.dropped:
            return (f"The items {self.dropped} were lost: put_nowait() (or put(block=False)) raised queue.Full "
                    "on the full queue. Use put(), which waits until the consumer takes an item.")
        if self.timed_out:
            return (f"put(timeout=...) gave up on a full queue while the consumer paused, and {self.timed_out} "
                    "never arrived: the caller consumes at its own pace. Use put() without a timeout.")
        if self.errors:
            return f"Your producer thread raised {self.errors}."
        return f"Expected the items {self.items} in order, then None; the queue gave {self.taken}."

    def delivered(self) -> bool:
        return self.taken == self.items + [None]


def drive_producer(start_producer: Callable, items: Iterable, maxsize: int, timeout: float = 2.0) -> ProducerRun:
    """Call start_producer(items, maxsize) (an iterator over the items); it must return (q, thread) at once.
    Then take one item at a time, each only once the producer has settled: it waits in put() on the
    full queue, has put None, has ended, has run ahead or over maxsize (or SETTLE s passed)."""
    run = ProducerRun(list(items), maxsize)
    with catch_thread_exceptions() as caught, _Watch() as watch:
        source = _CountedItems(watch, run.items)
        helper, outcome = watch.call("bounded-start_producer", start_producer, source, maxsize)
        helper.join(timeout)
        if helper.is_alive():
            raise Mistake(f"start_producer() did not return within {timeout:g} s: start the producer thread "
                          "and return (q, thread) at once; the caller consumes while your producer runs.")
        if "error" in outcome:
            raise outcome["error"]
        value = outcome["value"]
        if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], queue.Queue)
                and isinstance(value[1], threading.Thread)):
            raise Mistake(f"start_producer() should return (q, thread), a queue.Queue and a Thread; got {value!r}.")
        q, thread = value
        seen = 0
        waits_seen = 0  # a wait in put() counts only if it began after the test last took an item

        def events() -> int:
            return len(watch.dropped) + len(watch.timed_out)

        def in_hand() -> int:  # items taken from `items`, neither put nor lost (a put that gave up)
            lost = [item for item in watch.dropped + watch.timed_out if item is not None]
            return source.taken - len([i for i in watch.put_items.get(q, []) if i is not None]) - len(lost)

        while True:
            def settled() -> bool:
                put = watch.put_items.get(q, [])
                waiting = watch.put_waiting.get(thread, (None, 0))
                return (not thread.is_alive() or (waiting[0] is q and waiting[1] > waits_seen) or _qsize(q) > maxsize
                        or in_hand() > 1 or None in put or events() > seen)

            with watch.changed:
                watch.changed.wait_for(settled, SETTLE)
                held = _qsize(q)
                run.most_held = max(run.most_held, held)
                run.ran_ahead = max(run.ran_ahead, in_hand())
                seen = events()
                waits_seen = watch.put_waits
            if held == 0 and not thread.is_alive():
                break
            try:
                item = q.get(timeout=timeout)
            except queue.Empty:
                break
            run.taken.append(item)
            if item is None:
                break
        thread.join(timeout)
        run.ended = not thread.is_alive()
        run.dropped, run.timed_out = list(watch.dropped), list(watch.timed_out)
    run.errors = _errors(caught)
    return run
