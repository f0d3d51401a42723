"""Helpers for tests of threaded code: bounded, deterministic, and plain-spoken when they fail.

Every wait here has a timeout; nothing synchronises by sleeping. A failed check
raises `Mistake`, whose message names the learner's likely mistake.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import select
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .display import show_timeline
from .recorder import record_timeline
from .timeline import Timeline, max_overlap

DEPRECATED = {
    "setDaemon": "t.daemon = True (or Thread(..., daemon=True))",
    "isDaemon": "t.daemon",
    "getName": "t.name",
    "setName": "t.name = ...",
    "isAlive": "t.is_alive()",
    "currentThread": "threading.current_thread()",
    "activeCount": "threading.active_count()",
}


class Mistake(AssertionError):
    """A failed check whose message names the learner's likely mistake."""


def expect(condition: object, message: str) -> None:
    """Fail with `message` (a plain sentence about the mistake) unless `condition` holds."""
    if not condition:
        raise Mistake(message)


def call_with_timeout(func: Callable, *args, timeout: float = 3.0, hint: str = "", **kwargs):
    """Call `func` in a daemon thread and wait at most `timeout` seconds.

    A hang then costs this one test, not the rest of the notebook. Returns the
    result, re-raises the function's own exception, or fails naming the hang.
    Threads the function starts inherit `daemon=True` from the helper thread:
    check a learner's daemon flags in a subprocess (`run_python`), not here.
    """
    outcome: dict = {}

    def call() -> None:
        try:
            outcome["value"] = func(*args, **kwargs)
        except BaseException as exc:  # handed back to the caller below
            outcome["error"] = exc

    name = getattr(func, "__name__", "the function")
    helper = threading.Thread(target=call, name=f"bounded-{name}", daemon=True)
    helper.start()
    helper.join(timeout)  # on a recorded timeline: the caller joining the helper, as it is
    if helper.is_alive():
        raise Mistake(f"{name}() did not finish within {timeout:g} s. {hint}".strip())
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@contextlib.contextmanager
def timeline_on_failure(title: str = "What your threads did during this check") -> Iterator[Timeline]:
    """Record the block's threads; if a check inside fails, show the timeline, then fail.

    The chart lands in the test cell's output, so the learner (and the feedback) sees
    what their threads did: one after another, stuck in a join, never started.
    """
    try:
        with record_timeline() as timeline:
            yield timeline
    except Mistake:
        show_timeline(timeline, title)
        raise


def join_thread(thread: threading.Thread, timeout: float = 3.0, hint: str = "") -> None:
    """Join, and fail with a sentence if the thread is still alive after `timeout`."""
    thread.join(timeout)
    expect(not thread.is_alive(), f"thread {thread.name!r} was still running after {timeout:g} s. {hint}".strip())


@contextlib.contextmanager
def catch_thread_exceptions() -> Iterator[list]:
    """Collect exceptions raised in threads instead of printing them.

    A traceback on stderr would make nbgrader score the running cell 0. Yields a
    list that fills with `threading.ExceptHookArgs` (exc_type, exc_value, thread).
    """
    caught: list = []
    previous = threading.excepthook
    threading.excepthook = caught.append
    try:
        yield caught
    finally:
        threading.excepthook = previous


def thread_failure(caught: list) -> str:
    """Which thread raised what, first: "worker-2 raised ValueError: boom" (from `catch_thread_exceptions`)."""
    first = caught[0]
    name = first.thread.name if first.thread is not None else "a thread"
    return f"{name} raised {first.exc_type.__name__}: {first.exc_value}"


def kernel_machinery(thread: threading.Thread) -> bool:
    """A thread the Jupyter kernel starts for itself (zmq's garbage collector, started by big output)."""
    try:
        from zmq.utils.garbage import GarbageCollectorThread
    except ImportError:
        return False
    return type(thread) is GarbageCollectorThread


@contextlib.contextmanager
def no_threads_left(timeout: float = 3.0, hint: str = "") -> Iterator[None]:
    """Fail if the block leaves threads running: they would leak into later cells."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + timeout
    new = [t for t in set(threading.enumerate()) - before if not kernel_machinery(t)]
    for thread in new:
        thread.join(max(0.0, deadline - time.monotonic()))
    left = sorted(t.name for t in new if t.is_alive())
    expect(not left, f"{len(left)} thread(s) were still running afterwards ({', '.join(left)}). {hint}".strip())


def assert_overlap(intervals: list[tuple[float, float]], n: int, message: str) -> None:
    """Prove that `n` of the recorded (start, end) intervals were open at the same instant."""
    expect(max_overlap(intervals)[0] >= n, message)


class Rendezvous:
    """A `Barrier(n)` with a timeout: only `n` truly concurrent callers can all pass it.

    Call `meet()` from each task. If fewer than `n` are running at once, the
    barrier breaks after `timeout` and `met` stays False; no one waits forever.
    """

    def __init__(self, n: int, timeout: float = 2.0) -> None:
        self.barrier = threading.Barrier(n, timeout=timeout)
        self.met = False

    def meet(self) -> bool:
        try:
            self.barrier.wait()
        except threading.BrokenBarrierError:
            return False
        self.met = True
        return True


@dataclass
class Run:
    returncode: int | None  # None: killed after the timeout
    stdout: str
    stderr: str

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


STARTED = "<threadlab: started>"
START_TIMEOUT = 30.0  # seconds a fresh interpreter may take to start on a busy machine


def run_python(source: str, timeout: float = 5.0) -> Run:
    """Run a snippet in a fresh interpreter; one still running `timeout` s after it started is killed.

    The clock starts once the interpreter runs the snippet, so a slow start-up on a busy
    machine is not mistaken for a program that never exits.
    """
    program = f"print({STARTED!r}, flush=True)\n" + textwrap.dedent(source)
    # -P: a threading.py (or any module) in the working directory must not replace the real one.
    with subprocess.Popen([sys.executable, "-P", "-c", program], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as process:
        select.select([process.stdout], [], [], START_TIMEOUT)  # the first line is the start-up mark
        try:
            stdout, stderr = process.communicate(timeout=timeout)
            returncode = process.returncode
        except subprocess.TimeoutExpired:
            process.kill()
            stdout, stderr = process.communicate()
            returncode = None
    return Run(returncode, stdout.replace(STARTED + "\n", "", 1), stderr)


def cpu_seconds(func: Callable, *args, **kwargs) -> tuple[object, float]:
    """Call `func`; return its result and the CPU time the whole process spent meanwhile.

    Waiting on an Event costs next to no CPU; a `while not done: pass` loop costs the whole wait.
    """
    before = time.process_time()
    result = func(*args, **kwargs)
    return result, time.process_time() - before


def deprecated_calls(obj: object) -> list[str]:
    """Deprecated threading names used in the source of a function, class or code string."""
    source = obj if isinstance(obj, str) else inspect.getsource(obj)
    tree = ast.parse(textwrap.dedent(source))
    used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    used |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return sorted(f"{name} (use {DEPRECATED[name]})" for name in used & DEPRECATED.keys())
