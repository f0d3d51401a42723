"""Checks shared by the tests of 02-subclassing: run a learner's Thread subclass and say plainly what broke.

The schedule is controlled, never slept on: parts and targets signal when they start and wait on
Events the test opens; "it returned too early" is decided by what was still unfinished at the very
moment the learner's call returned, with the unfinished work held until then (or until a bound passes,
which only makes a correct answer wait, never fail).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from threadlab.testing import Mistake, call_with_timeout, expect, join_thread

HOLD_S = 1.5      # how long held work stays held if the learner's call has not returned: a correct call waits
                  # this long; a call that gives up after a shorter timeout (join(timeout=1)) is caught
SIGNAL_S = 3.0    # bound for a signal that comes promptly in any correct answer
FINISH_S = 5.0    # bound for a call to end once nothing holds it any more


@contextlib.contextmanager
def plain_thread_errors(what: str = "the thread") -> Iterator[None]:
    """Turn the errors a broken Thread subclass causes into sentences that name the mistake.

    Without `super().__init__()`, Thread raises RuntimeError (or AssertionError on
    attribute access); an overridden `start()` that never starts a thread makes
    `join()` raise "cannot join thread before it is started"; a name passed on
    positionally lands in Thread's first parameter, `group`.
    """
    try:
        yield
    except (RuntimeError, AssertionError) as exc:
        if isinstance(exc, Mistake):
            raise
        if "__init__() not called" in str(exc):
            raise Mistake(f"{what} was never set up as a Thread ({exc}): its __init__ must call "
                          "super().__init__(...) before anything else.") from None
        if "before it is started" in str(exc):
            raise Mistake(f"{what} never started a thread: override run(), and leave start() to Thread.") from None
        if "group argument must be None" in str(exc):
            raise Mistake(f"{what}: Thread.__init__ said {str(exc)!r}. Its first parameter is group, not name: "
                          "pass the name by keyword, super().__init__(name=name).") from None
        raise


def raise_thread_setup_error(exc: BaseException | None, what: str = "the thread") -> None:
    """Raise the plain Mistake for an error a broken Thread subclass caused (see plain_thread_errors);
    do nothing for any other exception, which the test then judges itself."""
    if not isinstance(exc, (RuntimeError, AssertionError)) or isinstance(exc, Mistake):
        return
    try:
        with plain_thread_errors(what):
            raise exc
    except Mistake:
        raise
    except BaseException:
        return


def start_thread(thread: threading.Thread, what: str = "the thread") -> None:
    """Start `thread` within a time bound; fail plainly if no new thread came of it."""
    with plain_thread_errors(what):
        call_with_timeout(thread.start, hint="start() must return at once; the work belongs in run().")
    if thread.ident is None:
        raise Mistake(f"start() returned but {what} never started a thread: override run(), and leave start() to Thread.")


def start_and_join(thread: threading.Thread, what: str = "the thread", timeout: float = 3.0) -> None:
    """Start `thread` (see start_thread) and wait at most `timeout` seconds for it to end."""
    start_thread(thread, what)
    join_thread(thread, timeout, hint=f"run() of {what} should end soon after it starts.")


def thread_errors(caught: list) -> str:
    """A sentence naming the first exception caught from a thread, for a failure message ("" if none)."""
    if not caught:
        return ""
    first = caught[0]
    name = getattr(first.thread, "name", "?")
    return f"run() raised {first.exc_type.__name__}: {first.exc_value} (in thread {name!r}); see its message."


# --- Greeter -------------------------------------------------------------------------------------------------

def watching(cls: type, attribute: str) -> tuple[type, list]:
    """A subclass of `cls` that logs (thread, value) each time `attribute` is assigned on an instance.

    It tells *where* self.message was made (the new thread, or the caller in __init__ / start())
    without caring whether it existed before run(): only the assignment that gave it its final
    value counts.
    """
    log: list[tuple[threading.Thread, object]] = []

    class Watched(cls):
        def __setattr__(self, name, value):
            if name == attribute:
                log.append((threading.current_thread(), value))
            super().__setattr__(name, value)

    Watched.__name__, Watched.__qualname__ = cls.__name__, cls.__qualname__
    return Watched, log


# --- ResultThread --------------------------------------------------------------------------------------------

class Target:
    """A target that remembers each call's thread and returns `value` (or raises `error`)."""

    def __init__(self, value: object = None, error: BaseException | None = None) -> None:
        self.value, self.error = value, error
        self.threads: list[threading.Thread] = []   # list.append is atomic
        self.__name__ = "target"

    def __call__(self, *args, **kwargs):
        self.threads.append(threading.current_thread())
        if self.error is not None:
            raise self.error
        return self.value


@dataclass
class Answer:
    """What a learner's blocking call did, seen at the moment it returned."""
    returned: bool = False
    value: object = None
    error: BaseException | None = None
    unfinished: list[str] = field(default_factory=list)   # work still going on when the call returned


def ask_in_helper(call: Callable[[], object], unfinished: Callable[[], list[str]], name: str,
                  after: Callable[[], None] = lambda: None):
    """Run `call` in a daemon helper thread; return (helper, answered Event, Answer).

    When the call returns (or raises), `unfinished()` is evaluated at once, in the helper,
    before anything else can release the held work; then `after()` runs."""
    answer, answered = Answer(), threading.Event()

    def ask() -> None:
        try:
            answer.value = call()
        except BaseException as exc:  # handed to the test
            answer.error = exc
        finally:
            answer.unfinished = unfinished()
            answer.returned = True
            answered.set()
            after()

    helper = threading.Thread(target=ask, name=name, daemon=True)
    helper.start()
    return helper, answered, answer


def result_while_held(ResultThread: type, hold_s: float = HOLD_S) -> Answer:
    """Call result() on a ResultThread whose thread, after the learner's run() returned, is kept alive.

    The test's subclass holds the thread in its run() after `super().run()`: the target has
    returned and its value is kept, but the thread has not finished. result() "waits until the
    thread has finished", so it may not return until the hold is released, which happens only
    once result() returned or `hold_s` passed. `unfinished` names the thread if it was still alive
    when result() returned: deterministic for result() that does not wait at all, waits for an
    Event set inside run(), or joins with a timeout shorter than `hold_s`.
    """
    hold, ran = threading.Event(), threading.Event()

    class Held(ResultThread):
        def run(self):
            try:
                super().run()
            finally:
                ran.set()
                hold.wait(hold_s + FINISH_S + SIGNAL_S)

    Held.__name__ = Held.__qualname__ = ResultThread.__name__
    target = Target("done")
    thread = Held(target)
    start_thread(thread, "ResultThread(target)")
    try:
        expect(ran.wait(SIGNAL_S), f"run() did not return within {SIGNAL_S:g} s although the target returns at once.")
        helper, answered, answer = ask_in_helper(
            thread.result, lambda: ["the ResultThread"] if thread.is_alive() else [], "asker")
        answered.wait(hold_s)            # a correct result() is still waiting: the thread is held
    finally:
        hold.set()
    answered.wait(FINISH_S)
    helper.join(FINISH_S)
    thread.join(FINISH_S)
    expect(answer.returned, f"result() did not return within {FINISH_S:g} s after the thread had finished.")
    raise_thread_setup_error(answer.error, "the ResultThread")
    return answer


# --- PartSum / parallel_sum ----------------------------------------------------------------------------------

class Part:
    """A part that records which thread iterates it, signals `started`, and waits for `gate` (if any)
    before it yields its numbers. `error` makes it raise instead, at once. `done` is set once all its
    numbers were handed out (the part was iterated to its end)."""

    def __init__(self, values: Iterable = (), gate: threading.Event | None = None,
                 error: BaseException | None = None) -> None:
        self.values, self.gate, self.error = list(values), gate, error
        self.threads: list[threading.Thread] = []
        self.started, self.done = threading.Event(), threading.Event()
        self.progress = threading.Condition()   # notified when the part starts (a test may share one)

    def __iter__(self):
        self.threads.append(threading.current_thread())
        with self.progress:
            self.started.set()
            self.progress.notify_all()
        if self.error is not None:
            raise self.error
        if self.gate is not None:
            self.gate.wait(HOLD_S + FINISH_S + SIGNAL_S)
        yield from self.values
        self.done.set()


def unfinished_parts(parts: list[Part], caller: threading.Thread) -> list[str]:
    """Parts not yet summed to the end, or whose summing thread is still alive."""
    left = []
    for k, part in enumerate(parts):
        running = [t for t in part.threads if t is not caller and t.is_alive()]
        if (part.error is None and not part.done.is_set()) or running:
            left.append(f"part {k}")
    return left


def parallel_sum_while_held(parallel_sum: Callable, parts: list[Part], held: threading.Event,
                            hold_s: float = HOLD_S) -> Answer:
    """Call parallel_sum(parts) in a helper while the part gated by `held` cannot finish.

    Every other part may run to its end at once. `held` opens only once parallel_sum returned or
    `hold_s` passed, so `Answer.unfinished` deterministically names the held part when
    parallel_sum returned without waiting for every one of its threads.
    """
    progress = threading.Condition()
    for part in parts:
        part.progress = progress
    held_parts = [part for part in parts if part.gate is held]

    def wake() -> None:
        with progress:
            progress.notify_all()

    helper, answered, answer = ask_in_helper(lambda: parallel_sum(parts),  # unfinished() runs in the helper:
                                             lambda: unfinished_parts(parts, threading.current_thread()),
                                             "bounded-parallel_sum", after=wake)
    try:
        with progress:                    # the held part has begun, unless parallel_sum already gave up
            progress.wait_for(lambda: answered.is_set() or all(p.started.is_set() for p in held_parts), SIGNAL_S)
        answered.wait(hold_s)             # a correct parallel_sum is still joining the held part
    finally:
        held.set()
    answered.wait(FINISH_S)
    helper.join(FINISH_S)
    expect(answer.returned, f"parallel_sum did not return within {FINISH_S:g} s after every part could finish: "
                            "start every PartSum, then join them.")
    raise_thread_setup_error(answer.error, "a PartSum")
    return answer
