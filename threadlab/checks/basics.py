"""Checks for notebook 01 (basics): where did the learner's function run, and when did it return?

The tests hand the learner's code a `CallLog` as the function to run in threads;
afterwards they ask it in which thread each call happened, under which name, and
whether it had finished when the learner's function returned. The messages name
the classic mistakes: `run()` for `start()`, `target=f()` for `target=f`,
`args=(x)` for `args=(x,)`, a missing or timed `join()`.

`Schedule` runs the learner's function in a helper thread and watches it with
`sys.setprofile` (that one thread only): which threads it starts, which it joins
(and with what timeout), when it waits. That lets a test control the schedule
without sleeping:
- `settle=True`: each thread the function starts runs to its end before the
  function goes on past `start()`, so quick calls are over before the next thread
  starts (a renamed-after-start thread, a pool that reuses an idle worker, a loop
  waiting for `is_alive()` all show, every time);
- `gated=True`: every call of the `CallLog` waits at a gate of its own; a gate opens
  only when the function waits (an untimed `join()`, `is_alive()`, an untimed
  `Event`/`Condition`/`Future` wait), one call at a time, in a chosen order:
  `joined-first` opens the thread being joined (else the earliest call),
  `joined-last` opens every other one first (latest first). A function that returns
  without waiting returns while calls are still shut in, every time. A wait the
  schedule cannot see (a sleep, a timeout) opens nothing; after `fallback`
  seconds without progress one gate opens anyway, so a slow but correct program
  still ends.
"""

from __future__ import annotations

import _thread
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from threadlab.testing import Mistake, catch_thread_exceptions, expect, no_threads_left, thread_failure

RUN_NOT_START = ("the function ran in the calling thread and the Thread was never started: "
                 "you called t.run(), which is a plain function call; call t.start() instead.")
TARGET_CALLED = ("the function ran in the calling thread before the thread started: target=func(arg) calls it "
                 "right away; pass the function itself, target=func, and its arguments as args=(arg,).")
NOT_IN_A_THREAD = ("the function ran in the calling thread, not in a new one: call t.start() (not t.run()), "
                   "and pass target=func without calling it.")
SHARED_THREAD = ("two calls of func ran in the same thread: start a new Thread for every item. A thread pool "
                 "hands the next item to a worker that is already free, so the items do not each get their own "
                 "thread.")

THREADING = threading.__file__
GATE_LIMIT = 20.0  # no gated call waits longer than this, whatever happens to the test
SETTLE = 2.0  # seconds `settle` waits for a started thread to end (only a thread that never ends needs them)
AFTERMATH = 1.0  # seconds a gated call's thread may take to end after func returned before the next gate opens


@dataclass(eq=False)
class Call:
    args: tuple
    kwargs: dict
    thread: threading.Thread
    ident: int
    name: str = ""  # the thread's name while the call ran
    done: bool = False
    gate: threading.Event = field(default_factory=threading.Event)
    opened: bool = False  # its gate was opened by the schedule, one call at a time
    settled: bool = False  # ...and its thread has since ended (or gone on to another call)


class CallLog:
    """A function that remembers each call: its arguments, the thread it ran in, whether it has returned.

    `before` runs inside each call (after it is logged), so a test can make the
    calls meet at a Barrier or wait on an Event; `result(*args)` gives the return value.
    A `Schedule` may gate the calls (see the module docstring).
    """

    def __init__(self, before=None, result=None) -> None:
        self.calls: list[Call] = []  # list.append is atomic: no lock needed
        self._before = before
        self._result = result
        self.schedule: Schedule | None = None
        self.__name__ = "func"

    def __call__(self, *args, **kwargs):
        thread = threading.current_thread()
        call = Call(args, kwargs, thread, threading.get_ident(), thread.name)
        if self.schedule is not None:
            self.schedule._entered(call)
        else:
            self.calls.append(call)
        try:
            if self._before is not None:
                self._before()
            return None if self._result is None else self._result(*args)
        finally:
            call.done = True
            if self.schedule is not None:
                self.schedule._exited(call)

    def idents(self) -> set[int]:
        return {call.ident for call in self.calls}


class Abandoned(BaseException):
    """Raised inside a learner's function the test has given up on, so it stops instead of running on."""


@dataclass(eq=False)
class _Wait:
    kind: str  # "join": Thread.join(None) of `thread`; "poll": is_alive() of `thread`;
    #            "wait": an untimed Condition.wait (Event.wait, Future.result, ...)
    thread: threading.Thread | None
    frame: object


class Schedule:
    """Run a learner's function in a helper thread, watch what it does with threads, control when calls end.

    After `call()`: `caller` (the helper's ident), `started` (threads it started, in order), `joins`
    ((thread, timeout) for each join it made), `overlap` (two calls that ran at once, with `exclusive`),
    `entered_at_return` / `done_at_return` (calls of the log begun / finished when it returned),
    `alive_at_return` (its threads still alive then), `value_at_return` (a copy of what it returned,
    if a list), `exit_order` (calls in the order they returned).
    """

    def __init__(self, log: CallLog | None = None, *, settle: bool = False, gated: bool = False,
                 order: str = "joined-first", exclusive: bool = False, polls_open: bool = True,
                 fallback: float | None = 2.0) -> None:
        assert order in ("joined-first", "joined-last")
        self.log = log
        self.settle, self.gated, self.order, self.exclusive = settle, gated, order, exclusive
        self.polls_open, self.fallback = polls_open, fallback
        if log is not None:
            log.schedule = self
        self._lock = _thread.allocate_lock()
        self._changed = threading.Condition(self._lock)
        self._waits: list[_Wait] = []
        self._in_start = 0
        self._open_all = False
        self._progress = time.monotonic()
        self.abandoned = False
        self.caller: int | None = None
        self.started: list[threading.Thread] = []
        self.joins: list[tuple[threading.Thread, object]] = []
        self.foreign: list[threading.Thread] = []
        self.polls: Counter = Counter()
        self.overlap: tuple[Call, Call] | None = None
        self.exit_order: list[Call] = []
        self.returned = threading.Event()
        self.entered_at_return = self.done_at_return = 0
        self.alive_at_return: list[threading.Thread] = []
        self.value_at_return = None

    # -- the calls of the log (in the learner's threads) -----------------------------------------
    def _calls(self) -> list[Call]:
        return self.log.calls if self.log is not None else []

    def _entered(self, call: Call) -> None:
        with self._lock:
            running = [c for c in self._calls() if not c.done]
            self._calls().append(call)
            if self.exclusive and running and self.overlap is None:
                self.overlap = (running[0], call)
                self._open_everything()
            if not self.gated or self._open_all or call.ident == self.caller or self.returned.is_set():
                call.gate.set()
            self._step()
        call.gate.wait(GATE_LIMIT)

    def _exited(self, call: Call) -> None:
        with self._lock:
            self.exit_order.append(call)
            self._step()

    # -- the watcher (runs in the helper thread, at each call and return it makes) ----------------
    def _hook(self, frame, event, arg):
        if self.abandoned:
            raise Abandoned()
        if event != "call" and event != "return":
            return
        code = frame.f_code
        if code.co_filename != THREADING:
            return
        name = code.co_qualname
        if name == "Thread.start":
            if event == "call":
                self._in_start += 1
                return
            self._in_start -= 1
            thread = frame.f_locals.get("self")
            if thread is None or thread.ident is None or thread in self.started:
                return  # start() raised, or ran again
            with self._lock:
                self.started.append(thread)
                self._step()
            if self.settle and thread is not threading.current_thread():
                thread.join(SETTLE)
                if thread.is_alive() and not any(c.thread is thread for c in self._calls()):
                    self.settle = False  # its threads wait for the function before they call func: let it go on
        elif name == "Thread.join":
            thread = frame.f_locals.get("self")
            with self._lock:
                if event == "call":
                    timeout = frame.f_locals.get("timeout")
                    self.joins.append((thread, timeout))
                    if thread not in self.started and thread.ident is not None:
                        self.foreign.append(thread)
                        self._changed.notify_all()
                    if timeout is None:
                        self._waits.append(_Wait("join", thread, frame))
                elif self._waits and self._waits[-1].frame is frame:
                    self._waits.pop()
                self._step()
        elif name == "Condition.wait" and not self._in_start:
            with self._lock:
                if event == "call" and frame.f_locals.get("timeout") is None:
                    self._waits.append(_Wait("wait", None, frame))
                elif event == "return" and self._waits and self._waits[-1].frame is frame:
                    self._waits.pop()
                self._step()
        elif name == "Thread.is_alive" and event == "call":
            thread = frame.f_locals.get("self")
            with self._lock:
                self.polls[thread] += 1
                if self.polls_open:
                    self._step(_Wait("poll", thread, frame))

    # -- opening gates (always with the lock held) ------------------------------------------------
    def _open(self, call: Call) -> None:
        call.opened = True
        call.gate.set()
        self._progress = time.monotonic()
        self._changed.notify_all()

    def _open_everything(self) -> None:
        self._open_all = True
        for call in self._calls():
            call.gate.set()

    def _step(self, poll: _Wait | None = None) -> None:
        """Open the next gate if the function is waiting and nothing it could wait for is on its way."""
        self._progress = time.monotonic()
        self._changed.notify_all()
        wait = poll or (self._waits[-1] if self._waits else None)
        if not self.gated or self._open_all or self.returned.is_set() or wait is None:
            return
        if any(c.opened and not c.settled for c in self._calls()):
            return  # the call let go last is still finishing (its thread has not ended): wait for it
        calls = [c for c in self._calls() if not c.done and c.ident != self.caller]
        entered = {c.thread for c in self._calls()}
        if any(t.is_alive() and t not in entered for t in self.started):
            return  # a thread it started has not called func yet: wait for it to come in
        shut = [c for c in calls if not c.gate.is_set()]
        if not shut:
            return
        if wait.kind == "wait":  # what it waits for is unknown: one call after another, in the chosen order
            self._open(shut[0] if self.order == "joined-first" else shut[-1])
            return
        mine = [c for c in shut if c.thread is wait.thread]
        others = [c for c in shut if c.thread is not wait.thread]
        if self.order == "joined-first":
            if mine:
                self._open(mine[0])
        elif others:
            self._open(others[-1])
        elif mine:
            self._open(mine[0])

    # -- running the learner's function ------------------------------------------------------------
    def call(self, func, *args, timeout: float = 5.0, hint: str = ""):
        """Call `func(*args)` in a watched helper thread; return its result or re-raise its exception.

        Fails (`Mistake`) when it has not returned after `timeout` s, or joins a thread it did not start.
        """
        outcome: dict = {}
        name = getattr(func, "__name__", "the function")

        def run() -> None:
            self.caller = threading.get_ident()
            sys.setprofile(self._hook)
            try:
                outcome["value"] = func(*args)
            except BaseException as exc:  # handed back to the caller below
                outcome["error"] = exc
            finally:
                sys.setprofile(None)
                self._snapshot(outcome.get("value"))

        helper = threading.Thread(target=run, name=f"bounded-{name}", daemon=True)
        deadline = time.monotonic() + timeout
        helper.start()
        with self._lock:
            while not self.returned.is_set() and not self.foreign:
                now = time.monotonic()
                if now >= deadline:
                    break
                if self._settle_calls():
                    continue
                if self.gated and self.fallback is not None and now - self._progress >= self.fallback:
                    shut = [c for c in self._calls() if not c.done and not c.gate.is_set()]
                    if shut:
                        self._open(shut[-1])
                    self._progress = now
                wait = deadline - now
                if self.gated and self.fallback is not None:
                    wait = min(wait, self.fallback)
                self._changed.wait(wait)
        if not self.returned.is_set():
            self._give_up()
            raise Mistake(self._hang_message(name, timeout, hint))
        helper.join(timeout)  # it has returned: only the last few lines of run() are left
        if "error" in outcome:
            error = outcome["error"]
            if isinstance(error, Abandoned):
                raise Mistake(f"{name}() did not finish within {timeout:g} s. {hint}".strip())
            if isinstance(error, RuntimeError) and "join thread before it is started" in str(error):
                raise Mistake(f"{name}() raised RuntimeError: {error}. It joined a thread that was never started: "
                              f"call t.start(); t.run() only calls the target, in the current thread.")
            raise error
        return outcome["value"]

    def _settle_calls(self) -> bool:
        """Wait (lock released) for the thread of each opened call that returned to end; True if there were any."""
        calls = self._calls()
        pending = [c for c in calls if c.opened and c.done and not c.settled]
        for call in pending:
            later = calls[calls.index(call) + 1:]
            if call.thread is not threading.current_thread() and not any(c.thread is call.thread for c in later):
                self._lock.release()
                try:
                    call.thread.join(AFTERMATH)  # a pool's worker never ends: it only costs this bound
                finally:
                    self._lock.acquire()
            call.settled = True
        if pending:
            self._step()
        return bool(pending)

    def _snapshot(self, value) -> None:
        with self._lock:
            calls = self._calls()
            self.entered_at_return = len(calls)
            self.done_at_return = sum(c.done for c in calls)
            self.alive_at_return = [t for t in self.started if t.is_alive()]
            self.value_at_return = list(value) if isinstance(value, list) else value
            self.returned.set()
            self._open_everything()
            self._changed.notify_all()

    def _give_up(self) -> None:
        with self._lock:
            self.abandoned = True
            self._open_everything()

    def _hang_message(self, name: str, timeout: float, hint: str) -> str:
        if self.foreign:
            names = ", ".join(sorted({t.name for t in self.foreign}))
            return (f"{name}() waited for a thread it did not start ({names}), which may never end: join only the "
                    f"threads you started; threading.enumerate() lists every thread of the program, the main "
                    f"thread and the notebook's own among them.")
        finished = [t for t, n in self.polls.items() if n > 1 and t.ident is not None and not t.is_alive()]
        if finished:
            return (f"{name}() kept calling is_alive() on a thread that had already finished, and never returned: "
                    f"start() comes back once the thread runs, and a quick thread may be over by then; "
                    f"do not wait in a loop for it to be alive.")
        return f"{name}() did not finish within {timeout:g} s. {hint}".strip()

    def overlap_message(self, name: str) -> str | None:
        """Why two calls ran at once under `exclusive` (None if they never did)."""
        if self.overlap is None:
            return None
        first, second = self.overlap
        return (f"two calls of func ran at the same time: {name}() let the call in {second.name} start while the one "
                f"in {first.name} was still running. join() each thread, without a timeout, before starting the "
                f"next one.")

    def still_running_message(self, name: str, expected: int) -> str | None:
        """Why `name()` returned while some of its `expected` calls had not finished (None if all had)."""
        running = expected - self.done_at_return
        if running <= 0:
            return None
        what = f"{name}() returned while {running} of its {expected} calls of func were still running"
        mine = [t for t in self.started]
        joined = {t for t, _ in self.joins if t in mine}
        timed = [timeout for t, timeout in self.joins if t in mine and timeout is not None]
        if timed:
            return (f"{what}: join({timed[0]!r}) gave up waiting while its thread was still busy. Join every "
                    f"thread without a timeout.")
        if mine and not joined and not self.polls:
            return (f"{what}: it never joined its threads. Start them all, then join() every one before returning "
                    f"(a pause is no proof they are done).")
        if joined and len(joined) < len(mine):
            return (f"{what}: it joined only {len(joined)} of its {len(mine)} threads. Join every one: the thread "
                    f"started last is not always the last to finish.")
        return (f"{what}. Wait for every thread with join(), without a timeout, before returning: a pause or a "
                f"timeout is no proof the calls are done.")


def called_from(func, *args, **kwargs):
    """Call `func` and return (its result, the ident of the thread that called it)."""
    return func(*args, **kwargs), threading.get_ident()


def expect_no_thread_errors(caught: list) -> None:
    """Fail naming the likely mistake when a thread raised (a list from `catch_thread_exceptions`)."""
    if not caught:
        return
    error = caught[0].exc_value
    text = thread_failure(caught)
    args_mistake = isinstance(error, TypeError) and ("positional argument" in str(error) or "iterable" in str(error))
    expect(not args_mistake, f"{text}. args must be a tuple: args=(value) is just value in "
                             f"brackets, write args=(value,) with a comma.")
    unhashable = isinstance(error, TypeError) and "unhashable" in str(error)
    expect(not unhashable, f"{text}. Items can be any values, lists too: keep results by "
                           f"position (an index), not in a dict or set keyed by the item.")
    expect(False, f"{text}.")


def expect_in_new_threads(log: CallLog, caller: int, thread: threading.Thread | None = None) -> None:
    """Fail if any logged call ran in the caller's thread, telling run() from target=f() when `thread` is known."""
    in_caller = any(call.ident == caller for call in log.calls)
    if thread is not None and in_caller:
        expect(thread.ident is not None, RUN_NOT_START)
        expect(False, TARGET_CALLED)
    expect(not in_caller, NOT_IN_A_THREAD)


def expect_own_threads(log: CallLog, caller: int) -> None:
    """Fail if two calls ran in one new thread (a pool's worker reused), when each should have its own."""
    calls = [call for call in log.calls if call.ident != caller]
    expect(len({call.thread for call in calls}) == len(calls), SHARED_THREAD)


# -- whole checks, so a test cell reads like one sentence ------------------------------------------

def expect_each_item_once(run_all, items: list) -> None:
    """run_all(func, items) calls func(item) once per item (equal items too), each in a new thread of its own."""
    log = CallLog()
    schedule = Schedule(log, settle=True)
    with catch_thread_exceptions() as caught, no_threads_left(hint="run_all() should join every thread it starts."):
        try:
            schedule.call(run_all, log, items, timeout=5, hint="run_all() should return once every call has finished.")
        except (TypeError, ValueError) as error:
            expect(False, f"run_all(func, {items!r}) raised {type(error).__name__}: {error}. Items can be any "
                          f"values (lists too, and none at all): start one thread per item as it comes, without "
                          f"putting the items in a set or dict.")
    expect_no_thread_errors(caught)
    expect_in_new_threads(log, schedule.caller)
    got = sorted(repr(call.args) for call in log.calls)
    expect(got == sorted(repr((item,)) for item in items),
           f"run_all(func, {items!r}) should call func once for every item, equal items too; the calls were "
           f"{[call.args for call in log.calls]}.")
    expect_own_threads(log, schedule.caller)


def expect_waits_for_every_call(func, items: list, order: str) -> Schedule:
    """func(log, items) returns only once every call has finished, whatever order the calls are let finish in."""
    name = getattr(func, "__name__", "the function")
    log = CallLog(result=lambda item: f"result {item}")
    schedule = Schedule(log, gated=True, order=order)
    with catch_thread_exceptions() as caught, no_threads_left(hint=f"{name}() should join every thread it starts."):
        schedule.call(func, log, items, timeout=12, hint=f"{name}() should return once every call has finished.")
    expect_no_thread_errors(caught)
    message = schedule.still_running_message(name, len(items))
    expect(message is None, message)
    return schedule


def expect_results_in_order(map_in_threads, items: list, order: str) -> None:
    """The results follow items, whichever call is let finish first; all are there when it returns."""
    schedule = expect_waits_for_every_call(map_in_threads, items, order)
    results = schedule.value_at_return
    expected = [f"result {item}" for item in items]
    finished = [f"result {call.args[0]}" for call in schedule.exit_order]
    expect(results == expected or results != finished,
           f"the results came back in the order the threads finished ({results!r}), not in the order of items: "
           f"give each thread its own slot, results[index] = func(item).")
    expect(results == expected, f"map_in_threads(func, {items!r}) should return {expected!r}, not {results!r}.")


class Result:
    """What func returns in `expect_result_per_item`: which item, and which call (each call makes a new one)."""

    def __init__(self, item) -> None:
        self.item = item

    def __repr__(self) -> str:
        return f"<result of func({self.item!r})>"


def expect_result_per_item(map_in_threads, items: list) -> None:
    """Equal items, unhashable items: slot i holds the result of the call for items[i], one result per call."""
    log = CallLog(result=Result)
    schedule = Schedule(log, settle=True)
    with catch_thread_exceptions() as caught, no_threads_left(hint="map_in_threads() should join its threads."):
        try:
            results = schedule.call(map_in_threads, log, items, timeout=5, hint="map_in_threads() should return.")
        except (TypeError, ValueError, KeyError) as error:
            expect(False, f"map_in_threads(func, {items!r}) raised {type(error).__name__}: {error}. Items can be "
                          f"any values, lists too, and may repeat: keep results by position (an index), not in a "
                          f"dict keyed by the item.")
    expect_no_thread_errors(caught)
    expect(isinstance(results, list) and len(results) == len(items),
           f"map_in_threads(func, {items!r}) should return a list of {len(items)} results, not {results!r}.")
    own = all(isinstance(r, Result) and r.item is item for r, item in zip(results, items))
    expect(own and len({id(r) for r in results}) == len(items),
           f"map_in_threads(func, {items!r}) should put each call's own result in the slot of its item; got "
           f"{results!r}. Equal items are still separate items: find a result's slot by its index (enumerate), "
           f"not with items.index(item) or a dict keyed by the item.")
