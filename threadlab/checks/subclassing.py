"""Checks shared by the tests of 02-subclassing: run a learner's Thread subclass and say plainly what broke."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from threadlab.testing import Mistake, call_with_timeout, join_thread


@contextlib.contextmanager
def plain_thread_errors(what: str = "the thread") -> Iterator[None]:
    """Turn the errors a broken Thread subclass causes into sentences that name the mistake.

    Without `super().__init__()`, Thread raises RuntimeError (or AssertionError on
    attribute access); an overridden `start()` that never starts a thread makes
    `join()` raise "cannot join thread before it is started".
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
        raise


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
