"""Checks for notebook 06 (join): schedules the test controls, so no verdict rests on timing luck.

The learner's call runs in a helper thread of the check's own (`Watched`), traced with
`sys.settrace` (that one thread only). The trace shows, without sleeping:
- when the call waits without a timeout (an untimed `Thread.join()` or `Condition.wait()`, which is
  what `Queue.get()`, `Event.wait()` and `concurrent.futures.wait()` come down to): a task the check
  holds back is let go only then, so a call that returns without waiting returns while that task is
  still held, every time;
- whether the waiting thread is idle: a thread blocked in a wait runs no Python code at all, a
  polling or spinning loop keeps running some;
- when the call is about to read a result: the check can pause it there and let a second function
  finish first, so a first answer that a later one overwrites is caught every time.

Bounds (all generous): a held task is let go anyway after
`FALLBACK` s (a wait the trace cannot see, a sleep or a timed join, then still ends), so a
timed wait or sleep shorter than that is caught; "about `timeout`" allows `SLACK` s more.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable

from threadlab.testing import (Mistake, Rendezvous, call_with_timeout, catch_thread_exceptions, expect,
                               no_threads_left, thread_failure)

FALLBACK = 3.0  # s: a held task is let go after this long even if the call never waits in a way the trace sees
SLACK = 1.0  # s: how much longer than `timeout` join_all may take ("about timeout")
QUIET = 0.2  # s: a thread that runs no code for this long is blocked, not looping
BOUND = 5.0  # s: how long a learner's call may take before the check calls it a hang


class Progress:
    """A Condition that tasks and calls notify: a check waits until something it needs has happened,
    or the learner's call has returned (a stub raising NotImplementedError fails at once, not after a bound)."""

    def __init__(self) -> None:
        self.changed = threading.Condition()

    def note(self) -> None:
        with self.changed:
            self.changed.notify_all()

    def wait_for(self, predicate: Callable[[], bool], bound: float) -> bool:
        with self.changed:
            return self.changed.wait_for(predicate, bound)


def _qualname(frame) -> str:
    return getattr(frame.f_code, "co_qualname", frame.f_code.co_name)


def _in_threading(frame) -> bool:
    return frame.f_code.co_filename == threading.__file__


def _inside_start(frame, depth: int = 6) -> bool:
    """The frame runs (indirectly) inside Thread.start(), which waits for the new thread to come up."""
    while frame is not None and depth:
        if _in_threading(frame) and _qualname(frame) == "Thread.start":
            return True
        frame, depth = frame.f_back, depth - 1
    return False


def untimed_wait(frame) -> tuple[str, object] | None:
    """("join", thread) or ("wait", condition) when `frame` begins a wait without a timeout, else None."""
    if not _in_threading(frame):
        return None
    name = _qualname(frame)
    if name not in ("Thread.join", "Condition.wait") or frame.f_locals.get("timeout") is not None:
        return None
    if name == "Thread.join":
        return "join", frame.f_locals.get("self")
    if _inside_start(frame):
        return None
    return "wait", frame.f_locals.get("self")


def timed_join(frame) -> threading.Thread | None:
    """The thread being joined when `frame` begins a Thread.join with a timeout, else None."""
    if (_in_threading(frame) and _qualname(frame) == "Thread.join"
            and frame.f_locals.get("timeout") is not None):
        return frame.f_locals.get("self")
    return None


def any_wait(frame) -> bool:
    """`frame` begins a join or a Condition wait, with or without a timeout (Thread.start's own aside)."""
    return (_in_threading(frame) and _qualname(frame) in ("Thread.join", "Condition.wait")
            and not _inside_start(frame))


class Watched:
    """Call `func(*args)` in a daemon helper thread traced with `sys.settrace`.

    `on_call(frame)` sees every function the call enters; `on_learner(frame, event)` sees each line of
    the learner's own code (`func`'s file, i.e. its notebook cell) and each return into it. The trace
    records when the thread last ran any Python code (`last_run`). Both hooks run in the helper thread.
    """

    def __init__(self, func: Callable, *args, on_call=None, on_learner=None, name: str | None = None,
                 progress: Progress | None = None) -> None:
        self.func, self.args = func, args
        self.progress = progress
        self.name = name or getattr(func, "__name__", "the function")
        self.file = getattr(getattr(func, "__code__", None), "co_filename", None)
        self.on_call, self.on_learner = on_call, on_learner
        self.last_run = time.monotonic()
        self.returned = threading.Event()
        self.outcome: dict = {}
        self.at_return: object = None  # what `snapshot` said the moment the call returned
        self.snapshot: Callable[[], object] = lambda: None
        self.ident: int | None = None
        self.thread = threading.Thread(target=self._run, name=f"bounded-{self.name}", daemon=True)

    def _learner(self, frame) -> bool:
        return frame is not None and frame.f_code.co_filename == self.file

    def _local(self, frame, event, arg):
        self.last_run = time.monotonic()
        try:
            if self.on_learner is not None and (
                    (event == "line" and self._learner(frame)) or (event == "return" and self._learner(frame.f_back))):
                self.on_learner(frame, event)
        except Exception:  # a check's hook must never break the learner's code
            pass
        return self._local

    def _trace(self, frame, event, arg):
        self.last_run = time.monotonic()
        try:
            if event == "call" and self.on_call is not None:
                self.on_call(frame)
        except Exception:
            pass
        if self._learner(frame) or self._learner(frame.f_back) or not _in_threading(frame):
            return self._local  # lines of the learner's code (and of what it calls outside threading.py)
        return None

    def _run(self) -> None:
        self.ident = threading.get_ident()
        sys.settrace(self._trace)
        try:
            self.outcome["value"] = self.func(*self.args)
        except BaseException as exc:  # handed back by `result`
            self.outcome["error"] = exc
        finally:
            sys.settrace(None)
            self.at_return = self.snapshot()
            self.returned.set()
            if self.progress is not None:
                self.progress.note()

    def start(self) -> Watched:
        self.thread.start()
        return self

    def idle_for(self, quiet: float = QUIET, bound: float = 2.0) -> bool:
        """Wait (at most `bound` s) until the call has run no Python code for `quiet` s; False if it never was."""
        deadline = time.monotonic() + bound
        never = threading.Event()
        while not self.returned.is_set():
            now = time.monotonic()
            if now - self.last_run >= quiet:
                return True
            if now >= deadline:
                return False
            never.wait(min(quiet - (now - self.last_run), deadline - now) + 0.001)
        return True

    def result(self, bound: float = BOUND, hint: str = ""):
        """The call's return value (or its exception, re-raised); a Mistake if it is still running after `bound` s."""
        self.thread.join(bound)
        if self.thread.is_alive():
            raise Mistake(f"{self.name}() did not finish within {bound:g} s. {hint}".strip())
        if "error" in self.outcome:
            raise self.outcome["error"]
        return self.outcome["value"]


# ----------------------------------------------------------------------------------------------
# Exercise 1: run_all(tasks)
# ----------------------------------------------------------------------------------------------

def check_runs_together(run_all, n: int) -> None:
    """n tasks meet at a Barrier(n): only n threads running at once can pass; none may run in the caller."""
    meeting = Rendezvous(n, timeout=FALLBACK)
    ran: list[int] = []
    caller: list[int] = []

    def task() -> None:
        meeting.meet()
        ran.append(threading.get_ident())

    def run_all_(tasks):
        caller.append(threading.get_ident())
        return run_all(tasks)

    run_all_.__name__ = "run_all"
    with catch_thread_exceptions() as caught, no_threads_left(hint="Every thread run_all starts must have ended."):
        call = Watched(run_all_, [task] * n).start()
        call.result(FALLBACK + BOUND, hint="Does it wait for something that never happens?")
    expect(not caught, f"{thread_failure(caught)}." if caught else "")
    expect(len(ran) == n, f"{len(ran)} of {n} tasks ran: start one thread for every task in the list.")
    expect(caller[0] not in ran, "a task ran in the thread that called run_all: start a thread for every task; "
                                 "the calling thread only waits for them.")
    expect(meeting.met, f"the {n} tasks never all ran at the same time: start every thread first, then join "
                        "them (a join() inside the start loop, or a pool with fewer workers than tasks, runs "
                        "them one or a few at a time).")


def check_run_all_waits(run_all, n: int = 5, held: tuple[int, ...] = (0, 2, 4)) -> None:
    """Five tasks; the first, the middle and the last are held until run_all waits for them.

    Tasks 1 and 3 end at once. A held task is let go when the call waits without a timeout for it (an
    untimed join() of its thread) or for something the check cannot tell (an untimed Condition wait:
    Queue.get, Event.wait, concurrent.futures.wait...), and after FALLBACK s in any case. When the call
    joins a held thread with a timeout, that one stays held and the others go, so a timed join shorter
    than FALLBACK returns while its thread is held, however many threads there are. A run_all that
    joins only some of the threads (the first, the last, all but one), joins with a timeout, sleeps, or
    forgets to join returns while a held task is still held, and the check sees it at the moment run_all
    returns, before any cleanup of its own.
    """
    finished: list[int] = []
    started = {i: threading.Event() for i in held}
    gates: dict[threading.Thread, threading.Event] = {}
    lock = threading.Lock()
    joining: list = [None]
    opened_all = threading.Event()
    progress = Progress()

    def make(i: int):
        def task() -> None:
            if i in held:
                gate = threading.Event()
                with lock:
                    me = threading.current_thread()
                    gates[me] = gate
                    if joining[0] is me or opened_all.is_set():
                        gate.set()
                started[i].set()
                progress.note()
                gate.wait(FALLBACK + BOUND)
            finished.append(i)
        return task

    def open_all() -> None:
        with lock:
            opened_all.set()
            for gate in gates.values():
                gate.set()

    def on_call(frame) -> None:
        wait = untimed_wait(frame)
        if wait is None:
            target = timed_join(frame)
            if target is not None and target in gates:
                with lock:  # it gives this one a timeout: keep it held, let the others go (the timeouts
                    for thread, gate in gates.items():  # of several held threads would add up)
                        if thread is not target:
                            gate.set()
            return
        kind, target = wait
        if kind == "wait":
            open_all()  # it waits for something the check cannot tell: let every task go
            return
        with lock:
            if target in gates:
                gates[target].set()  # it waits for this held task itself: let it go
            else:
                joining[0] = target  # its task has not started yet: it lets itself go when it does

    with catch_thread_exceptions() as caught, no_threads_left(hint="Every thread run_all starts must have ended."):
        call = Watched(run_all, [make(i) for i in range(n)], on_call=on_call, progress=progress)
        call.snapshot = lambda: sorted(finished)
        call.start()
        try:
            progress.wait_for(lambda: call.returned.is_set() or all(e.is_set() for e in started.values()), BOUND)
            call.returned.wait(FALLBACK)  # a wait the trace cannot see (a sleep, a timeout): let them go anyway
        finally:
            open_all()
        call.result(BOUND, hint="Does it wait for something that never happens?")
    expect(not caught, f"{thread_failure(caught)}." if caught else "")
    running = n - len(call.at_return)
    expect(not running, f"run_all returned while {running} of its {n} tasks {'was' if running == 1 else 'were'} "
                        "still running: join every thread before returning, and without a timeout "
                        "(join(timeout) returns whether or not the thread has finished; a sleep is only a guess).")


def check_run_all_empty(run_all) -> None:
    """run_all([]) returns (there is nothing to run)."""
    try:
        call_with_timeout(run_all, [], timeout=BOUND, hint="With no tasks there is nothing to wait for.")
    except (Mistake, NotImplementedError):
        raise
    except Exception as exc:
        expect(False, f"run_all([]) raised {type(exc).__name__}: {exc}. With no tasks there is nothing to run: "
                      "return at once (a ThreadPoolExecutor refuses max_workers=0).")


# ----------------------------------------------------------------------------------------------
# Exercise 2: join_all(threads, timeout)
# ----------------------------------------------------------------------------------------------

class NumberedThread(threading.Thread):
    """A Thread whose hash is a number of the check's choosing.

    A set of small-int hashes iterates in ascending hash order, so threads numbered in reverse come
    out of a set in reverse: an answer that loses the order through a set is caught every time.
    """

    def __init__(self, number: int, **kwargs) -> None:
        self.number = number  # first: Thread.__init__ already hashes the thread
        super().__init__(**kwargs)

    def __hash__(self) -> int:
        return self.number


def check_waits_for_finish(join_all, n: int = 3) -> None:
    """Threads held until join_all waits for them: they must be waited for, and none reported.

    Each thread is let go when join_all joins it (with or without a timeout), all of them when it waits
    on a Condition (an Event, a Queue...), and all after 0.5 s in any case (a sleep or a poll loop is not
    seen as waiting). An answer that never joins, or joins only some, reports threads that were held.
    The timeout is 10 s, and join_all must return within BOUND s: one that sleeps out the whole timeout
    is caught too."""
    gates = {}
    workers = []
    for i in range(n):
        gate = threading.Event()
        worker = threading.Thread(target=gate.wait, args=(BOUND * 2,), name=f"worker {i}")
        gates[worker] = gate
        workers.append(worker)

    def open_all() -> None:
        for gate in gates.values():
            gate.set()

    def on_call(frame) -> None:
        if not any_wait(frame):
            return
        target = frame.f_locals.get("self")
        if _qualname(frame) == "Thread.join":
            if target in gates:
                gates[target].set()
        else:
            open_all()

    with catch_thread_exceptions(), no_threads_left(hint="join_all should have waited for these threads."):
        for w in workers:
            w.start()
        call = Watched(join_all, list(workers), 10.0, on_call=on_call)
        call.snapshot = lambda: [w.name for w in workers if w.is_alive()]
        call.start()
        try:
            call.returned.wait(0.5)
        finally:
            open_all()
        left = call.result(BOUND, hint="The threads finished after a moment, far within the 10 s timeout: "
                                       "return as soon as all have finished, do not sleep out the whole timeout.")
    expect(isinstance(left, list), f"join_all returned {left!r}; return a list of the threads still alive.")
    expect(left == [] and call.at_return == [],
           f"join_all returned while {len(call.at_return)} of {n} threads were still running (each would have "
           "finished within a moment of a 10 s timeout): join every thread, with the time left, before "
           "checking is_alive().")

    try:
        empty = call_bounded(join_all, [], 1.0)
    except (Mistake, NotImplementedError):
        raise
    except Exception as exc:
        expect(False, f"join_all([], 1.0) raised {type(exc).__name__}: {exc}. With no threads there is nothing "
                      "to wait for: return [].")
    expect(empty == [], f"join_all([], 1.0) returned {empty!r}: with no threads, return an empty list.")


def call_bounded(func, *args, bound: float = BOUND):
    call = Watched(func, *args).start()
    return call.result(bound)


def check_stragglers(join_all, timeout: float = 0.2) -> None:
    """Two stuck threads among finished ones: exactly the stuck ones come back, in the order given."""
    release = threading.Event()
    names = ["quick 1", "stuck 1", "quick 2", "stuck 2"]
    threads = [NumberedThread(len(names) - 1 - i, name=name, target=release.wait, args=(BOUND * 2,))
               if name.startswith("stuck") else NumberedThread(len(names) - 1 - i, name=name, target=lambda: None)
               for i, name in enumerate(names)]
    with catch_thread_exceptions(), no_threads_left(hint="The stuck threads should end once released."):
        for t in threads:
            t.start()
        for t in threads:
            if t.name.startswith("quick"):
                t.join(BOUND)  # finished before join_all is called: only the stuck ones are running
        try:
            left = Watched(join_all, threads, timeout).start().result(
                BOUND, hint=f"Give up after about {timeout} s.")
        finally:
            release.set()
    expect(isinstance(left, list), f"join_all returned {left!r}; return a list of the threads still alive.")
    got = [getattr(t, "name", t) for t in left]
    expected = ["stuck 1", "stuck 2"]
    expect(not (sorted(map(str, got)) == expected and got != expected),
           f"join_all returned {got}: the right threads, in the wrong order; return them in the order they were "
           "given (a set loses the order: filter the list instead).")
    expect(got == expected, f"join_all returned {got}, but exactly {expected} were still running: join(timeout) "
                            "returns whether or not the thread finished; check is_alive() on every thread.")


def check_one_deadline(join_all, n: int = 12, timeout: float = 0.2) -> None:
    """n stuck threads: join_all returns within timeout + SLACK, and reports all n."""
    release = threading.Event()
    threads = [threading.Thread(target=release.wait, args=(BOUND * 2,), name=f"stuck {i}") for i in range(n)]
    hint = (f"Give up after about {timeout} s: compute one deadline and give each join only the time left, "
            f"not {timeout} s each.")
    with catch_thread_exceptions(), no_threads_left(hint="The stuck threads should end once released."):
        for t in threads:
            t.start()
        began = time.monotonic()
        try:
            left = Watched(join_all, threads, timeout).start().result(BOUND, hint=hint)
            elapsed = time.monotonic() - began
        finally:
            release.set()
    expect(elapsed <= timeout + SLACK,
           f"join_all took {elapsed:.2f} s for a {timeout} s timeout with {n} stuck threads (at most "
           f"{timeout + SLACK:g} s is all right): the per-thread timeouts add up; compute one deadline and give "
           "each join only the time left.")
    expect(isinstance(left, list) and len(left) == n,
           f"join_all reported {len(left) if isinstance(left, list) else left!r} of {n} stuck threads: check "
           "is_alive() on every thread after joining.")


def check_whole_timeout(join_all, n: int = 10, timeout: float = 0.5, release_at: float = 0.25) -> None:
    """A thread that finishes halfway through the timeout must not be given up on.

    The first thread is held until `release_at` s into the call (or until join_all returns); the others
    have finished already. An answer that gives each thread a share of the timeout (timeout / n) gives
    up on the held one long before the timeout. A correct one can only report it after the whole
    timeout, and only if the machine is slow to let it go: then the check is inconclusive and passes.
    """
    hold = threading.Event()
    first = threading.Thread(target=hold.wait, args=(BOUND * 2,), name="slow")
    rest = [threading.Thread(target=lambda: None, name=f"quick {i}") for i in range(1, n)]
    with catch_thread_exceptions(), no_threads_left(hint="The threads should end once released."):
        for t in [first, *rest]:
            t.start()
        for t in rest:
            t.join(BOUND)
        call = Watched(join_all, [first, *rest], timeout)
        call.snapshot = time.monotonic
        began = time.monotonic()
        call.start()
        try:
            call.returned.wait(release_at)
        finally:
            hold.set()
        left = call.result(BOUND, hint=f"Give up after about {timeout} s.")
    expect(isinstance(left, list), f"join_all returned {left!r}; return a list of the threads still alive.")
    elapsed = call.at_return - began
    expect(not (first in left and elapsed < 0.8 * timeout),
           f"join_all gave up on a thread after {elapsed:.2f} s although the timeout was {timeout} s (the thread "
           f"finished {release_at} s in): wait for the threads until the one overall deadline; a share of the "
           "timeout for each thread is too little.")
    expect(not any(t in left for t in rest), "join_all reported threads that had finished: check is_alive().")


# ----------------------------------------------------------------------------------------------
# Exercise 3: first_result(functions)
# ----------------------------------------------------------------------------------------------

class Gated:
    """n functions; function i signals it started, waits at gate i, then returns "answer i"."""

    def __init__(self, n: int) -> None:
        self.started = [threading.Event() for _ in range(n)]
        self.gates = [threading.Event() for _ in range(n)]
        self.done = [threading.Event() for _ in range(n)]
        self.threads: list[threading.Thread | None] = [None] * n
        self.progress = Progress()
        self.functions = [self._make(i) for i in range(n)]

    def _make(self, i: int):
        def function():
            self.threads[i] = threading.current_thread()
            self.started[i].set()
            self.progress.note()
            self.gates[i].wait(BOUND * 2)
            self.done[i].set()
            return f"answer {i}"
        function.__name__ = f"function_{i}"
        return function

    def all_started(self, call: Watched, bound: float = BOUND) -> int:
        """Wait (at most `bound` s, or until the call returns) until every function has started; how many have."""
        self.progress.wait_for(lambda: call.returned.is_set() or all(e.is_set() for e in self.started), bound)
        return sum(e.is_set() for e in self.started)

    def finish(self, i: int, bound: float = 0.5) -> None:
        """Let function i go and wait until its thread has done all it does after it (its thread ends;
        a pool worker does not, and gets `bound` s)."""
        self.gates[i].set()
        self.done[i].wait(BOUND)
        thread = self.threads[i]
        if thread is not None and thread is not threading.current_thread():
            thread.join(bound)

    def open_all(self) -> None:
        for gate in self.gates:
            gate.set()


def check_first_wins(first_result) -> None:
    """Function 1 finishes first; function 2 finishes right after it, before first_result reads the result.

    All three must be running at once (each signals it started). Then function 1 is let go. The moment
    the learner's code next runs a line of its own (or a call returns into it), that thread is paused:
    function 1's thread has ended (its answer is stored), then function 2 is let go and its thread ends
    too; only then the learner's code goes on. A correct answer still returns "answer 1" (this is a
    schedule like any other); one that keeps the latest answer in one shared slot returns "answer 2".
    """
    fs = Gated(3)
    paused: list[bool] = []

    def on_learner(frame, event) -> None:
        if paused or not fs.done[1].is_set():
            return
        paused.append(True)
        thread = fs.threads[1]
        if thread is not None and thread is not threading.current_thread():
            thread.join(0.5)  # function 1's thread stores its answer and ends
        fs.finish(2)

    with catch_thread_exceptions() as caught, no_threads_left(hint="The functions should end once released."):
        call = Watched(first_result, fs.functions, on_learner=on_learner, progress=fs.progress).start()
        try:
            running = fs.all_started(call)
            if call.returned.is_set():
                call.result()  # re-raises what it raised (a stub: NotImplementedError) at once
            expect(running == 3, f"only {running} of 3 functions were running at once: start a thread for each "
                                 "function before waiting for any of them.")
            fs.gates[1].set()
            answer = call.result(BOUND, hint="One function had finished: return its result without waiting for "
                                             "the others.")
        finally:
            fs.open_all()
    expect(not caught, f"{thread_failure(caught)}." if caught else "")
    expect(answer != "answer 2", "first_result returned the answer of the function that finished second: the "
                                 "first answer was overwritten by a later one before it was read. Keep only the "
                                 "first one (put the answers on a Queue, or store one only if none is stored yet, "
                                 "under a Lock).")
    expect(answer == "answer 1", f"first_result returned {answer!r}; expected 'answer 1', from the function that "
                                 "finished first.")


def check_no_busy_wait(first_result) -> None:
    """While no function has finished, the thread that called first_result must be blocked, not looping.

    A blocked thread runs no Python code at all; a loop that checks again and again (spinning, or polling
    with a short sleep) keeps running some. The check waits until the caller has run nothing for QUIET s
    (at most 2 s), then lets both functions finish: either answer will do here."""
    fs = Gated(2)
    with catch_thread_exceptions(), no_threads_left(hint="The functions' threads should end."):
        call = Watched(first_result, fs.functions, progress=fs.progress).start()
        try:
            fs.all_started(call)
            blocked = call.idle_for(QUIET, bound=2.0)
        finally:
            fs.open_all()
        answer = call.result(BOUND, hint="Both functions had finished.")
    expect(blocked, f"while it waited, first_result never stopped running code for {QUIET} s in 2 s: it is "
                    "busy-waiting, checking again and again in a loop; block on Queue.get(), Event.wait() or "
                    "concurrent.futures.wait() instead.")
    expect(answer in ("answer 0", "answer 1"), f"first_result returned {answer!r}, expected the answer of one "
                                               "of the functions.")
