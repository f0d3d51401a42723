"""Checks for notebook 01 (basics): where did the learner's function run, and what went wrong in a thread.

The tests hand the learner's code a `CallLog` as the function to run in threads;
afterwards they ask it in which thread each call happened. The messages name
the classic mistakes: `run()` for `start()`, `target=f()` for `target=f`, and
`args=(x)` for `args=(x,)`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from threadlab.testing import expect

RUN_NOT_START = ("the function ran in the calling thread and the Thread was never started: "
                 "you called t.run(), which is a plain function call; call t.start() instead.")
TARGET_CALLED = ("the function ran in the calling thread before the thread started: target=func(arg) calls it "
                 "right away; pass the function itself, target=func, and its arguments as args=(arg,).")
NOT_IN_A_THREAD = ("the function ran in the calling thread, not in a new one: call t.start() (not t.run()), "
                   "and pass target=func without calling it.")


@dataclass(frozen=True)
class Call:
    args: tuple
    kwargs: dict
    thread: threading.Thread
    ident: int


class CallLog:
    """A function that remembers each call: its arguments and the thread it ran in.

    `before` runs inside each call (after it is logged), so a test can make the
    calls meet at a Barrier or wait on an Event; `result(*args)` gives the return value.
    """

    def __init__(self, before=None, result=None) -> None:
        self.calls: list[Call] = []  # list.append is atomic: no lock needed
        self._before = before
        self._result = result
        self.__name__ = "func"

    def __call__(self, *args, **kwargs):
        self.calls.append(Call(args, kwargs, threading.current_thread(), threading.get_ident()))
        if self._before is not None:
            self._before()
        return None if self._result is None else self._result(*args)

    def idents(self) -> set[int]:
        return {call.ident for call in self.calls}


def called_from(func, *args, **kwargs):
    """Call `func` and return (its result, the ident of the thread that called it)."""
    return func(*args, **kwargs), threading.get_ident()


def expect_no_thread_errors(caught: list) -> None:
    """Fail naming the likely mistake when a thread raised (a list from `catch_thread_exceptions`)."""
    if not caught:
        return
    error = caught[0].exc_value
    text = f"{type(error).__name__}: {error}"
    args_mistake = isinstance(error, TypeError) and ("positional argument" in str(error) or "iterable" in str(error))
    expect(not args_mistake, f"the thread raised {text}. args must be a tuple: args=(value) is just value in "
                             f"brackets, write args=(value,) with a comma.")
    expect(False, f"a thread raised {text}.")


def expect_in_new_threads(log: CallLog, caller: int, thread: threading.Thread | None = None) -> None:
    """Fail if any logged call ran in the caller's thread, telling run() from target=f() when `thread` is known."""
    in_caller = any(call.ident == caller for call in log.calls)
    if thread is not None and in_caller:
        expect(thread.ident is not None, RUN_NOT_START)
        expect(False, TARGET_CALLED)
    expect(not in_caller, NOT_IN_A_THREAD)
