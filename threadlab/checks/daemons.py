"""Checks for notebook 05 (daemons): what a learner's threads do, and what happens when the program exits.

A notebook's kernel never exits, and every thread a test starts inside it inherits daemon=True from
`call_with_timeout`'s helper. So the heartbeat is checked only in a fresh interpreter (it runs
forever, whatever it does when beat() raises: nothing inside the kernel could stop it), and so is
the worker's exit behaviour. A small driver program runs around the learner's cell, and the checks
read its output. The timeouts count from the moment the program has started, so a slow start on a
busy machine is not mistaken for a program that never exits; every program below that behaves
finishes in well under 0.5 s, so the bounds are generous.

In the kernel, the worker is driven with Events: `started_worker` checks what `start_worker`
returned, `resting` says when the worker is inside its rest, so the stop event is set at a known
point of its loop rather than at a moment chosen by sleeping.
"""

from __future__ import annotations

import ast
import inspect
import json
import linecache
import sys
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import cache

from threadlab.testing import Run, call_with_timeout, deprecated_calls, expect, run_python

EXIT_TIMEOUT = 5.0  # seconds after start-up, for the heartbeat and worker programs
PREDICT_TIMEOUT = 2.0  # the "which programs exit?" exercise says each program runs for 2 s
PROMPT = 1.0  # the worker spec: cleanup() runs within 1 s of stop.set(), however long the interval

# Names a learner's function may use without importing them: the driver imports these first.
PRELUDE = "import threading, time\nfrom threading import Event, Thread, current_thread\n"

LATE_DAEMON = "cannot set daemon status of active thread"
LATE_DAEMON_MESSAGE = ("start_heartbeat() set daemon after start(), which raises RuntimeError: the thread stays "
                       "non-daemon and the program never exits; pass daemon=True to Thread(...) (or set t.daemon "
                       "before t.start()).")

DEFINITIONS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
ASSIGNMENTS = (ast.Assign, ast.AnnAssign)


def _calls_own(node: ast.AST, own: set[str]) -> bool:
    """Does `node` call a function or class defined in the cell (a trial call such as `t = start_heartbeat(...)`)?"""
    return any(isinstance(call, ast.Call) and any(isinstance(n, ast.Name) and n.id in own for n in ast.walk(call.func))
               for call in ast.walk(node))


def definitions(func) -> str:
    """The imports, functions, classes and top-level assignments of the cell that defined `func`.

    IPython keeps each cell's source in `linecache` under the cell's file name, so helpers,
    classes and constants the learner wrote next to `func` come along. Other statements (a trial
    call, `t.start()`, a loop) are left out, and so is an assignment that calls one of the cell's
    own functions or classes (`t = start_heartbeat(...)`): it would start threads in the program.
    """
    code = getattr(func, "__code__", None)
    source = "".join(linecache.getlines(code.co_filename)) if code else ""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        tree = None
    if not tree or not tree.body:
        return textwrap.dedent(inspect.getsource(func))
    own = {node.name for node in tree.body if isinstance(node, DEFINITIONS[2:])}
    lines = source.splitlines()
    kept = []
    for node in tree.body:
        if isinstance(node, DEFINITIONS) or (isinstance(node, ASSIGNMENTS) and not _calls_own(node, own)):
            first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            kept.append("\n".join(lines[first - 1:node.end_lineno]))
    return "\n\n".join(kept)


def with_function(func, driver: str) -> str:
    """A program: the prelude, the definitions around `func` (see `definitions`), then `driver`."""
    return PRELUDE + definitions(func) + "\n\n" + textwrap.dedent(driver)


def last_error(run: Run) -> str:
    lines = run.stderr.strip().splitlines()
    return lines[-1] if lines else ""


def not_written(error: str, name: str) -> None:
    """The untouched stub: fail at once with its own NotImplementedError."""
    if error.startswith("NotImplementedError"):
        raise NotImplementedError(f"{name}() is not written yet")


def facts(run: Run) -> dict:
    """The driver's `facts: {...}` line (JSON), or {} when it never got that far."""
    for line in run.stdout.splitlines():
        if line.startswith("facts: "):
            return json.loads(line[len("facts: "):])
    return {}


# ---------------------------------------------------------------------------------------------- heartbeat

HEARTBEAT_BEATS_DRIVER = """
import json, os

first_beat, three_beats = Event(), Event()
slow_calls, fast_calls = [], []
found = {}


def slow_beat():
    slow_calls.append(current_thread())
    first_beat.set()


def fast_beat():
    fast_calls.append(current_thread())
    if len(fast_calls) == 3:
        three_beats.set()


def finish(**more):
    found.update(more)
    print("facts: " + json.dumps(found), flush=True)
    os._exit(0)  # the heartbeats' daemon flags are checked elsewhere: end here whatever they are


try:
    slow = start_heartbeat(slow_beat, 30)
    found["slow_returned"] = isinstance(slow, threading.Thread)
    found["slow_first_beat"] = first_beat.wait(2)
    found["slow_beats"] = len(slow_calls)
    found["slow_in_thread"] = all(t is slow for t in slow_calls)
    fast = start_heartbeat(fast_beat, 0.01)
    found["fast_returned"] = isinstance(fast, threading.Thread)
    found["fast_three_beats"] = three_beats.wait(2)
    found["fast_in_thread"] = all(t is fast for t in fast_calls[:3])
    found["fast_alive"] = isinstance(fast, threading.Thread) and fast.is_alive()
except BaseException as error:
    finish(error=f"{type(error).__name__}: {error}")
finish()
"""


def check_heartbeat_beats(start_heartbeat) -> None:
    """In a fresh Python: start_heartbeat returns a started Thread at once; that thread beats at once, then again."""
    run = run_python(with_function(start_heartbeat, HEARTBEAT_BEATS_DRIVER), EXIT_TIMEOUT + 4)
    found = facts(run)
    error = found.get("error", "") or (last_error(run) if run.returncode else "")
    not_written(error, "start_heartbeat")
    expect(LATE_DAEMON not in error, LATE_DAEMON_MESSAGE)
    expect(not error, f"start_heartbeat() failed: {error}")
    expect("slow_returned" in found,
           "start_heartbeat(beat, 30) did not return: it must start a thread and return it at once, not run the "
           "loop itself (start() the thread, don't call run()).")
    expect(found["slow_returned"] and found.get("fast_returned"),
           "start_heartbeat() must return the Thread it started (it returned something else, or nothing).")
    expect(found["slow_first_beat"],
           "start_heartbeat(beat, 30) did not call beat() within 2 s: call beat() first, then rest interval "
           "seconds (not rest first).")
    expect(found["slow_in_thread"],
           "beat() must be called in the returned thread, and only there: start() the thread, don't run() it.")
    expect(found["slow_beats"] == 1,
           "with interval 30 s, beat() was called more than once within 2 s: rest interval seconds after each beat.")
    expect(found["fast_three_beats"],
           "beat() was not called 3 times within 2 s (interval 0.01 s): call it again and again, in a loop.")
    expect(found["fast_in_thread"] and found["fast_alive"],
           "beat() must be called over and over in the one thread start_heartbeat() returned, which keeps running "
           "(not in a new thread, or a new Timer, for every beat).")


HEARTBEAT_EXIT_DRIVER = """
first_beat, fast_beat_seen, enough = Event(), Event(), Event()
before_main, after_main = [], []


def slow_beat():
    first_beat.set()


def fast_beat():
    if threading.main_thread().is_alive():
        before_main.append(1)
        fast_beat_seen.set()
    else:  # the main thread is done; another thread keeps the program running
        after_main.append(1)
        if len(after_main) == 3:
            enough.set()


def keeper():
    threading.main_thread().join()
    print(f"beats before main ended: {bool(before_main)}", flush=True)
    print(f"beats after main ended: {enough.wait(2)}", flush=True)


start_heartbeat(slow_beat, 30)  # a long rest: the program must not wait for it
first_beat.wait(2)
start_heartbeat(fast_beat, 0.01)
fast_beat_seen.wait(2)
threading.Thread(target=keeper, name="keeper").start()  # non-daemon: keeps the program running a moment
print("main: done", flush=True)
"""


def check_heartbeat_exits(start_heartbeat) -> None:
    """In a fresh Python: the heartbeat beats for as long as the program runs, and never keeps it running."""
    run = run_python(with_function(start_heartbeat, HEARTBEAT_EXIT_DRIVER), EXIT_TIMEOUT)
    not_written(last_error(run), "start_heartbeat")
    expect(LATE_DAEMON not in run.stderr, LATE_DAEMON_MESSAGE)
    expect(run.timed_out or run.returncode == 0, f"the program failed: {last_error(run)}")
    expect("Exception in thread" not in run.stderr, f"the heartbeat thread raised {last_error(run)}.")
    expect("beats before main ended: False" not in run.stdout, "the heartbeat never called beat() in the program.")
    expect("beats after main ended: False" not in run.stdout,
           "the heartbeat stopped beating when the main thread ended, while another thread still kept the program "
           "running: it must beat for as long as the program runs. Make it a daemon thread (daemon=True) instead "
           "of watching the main thread.")
    expect(not run.timed_out,
           f"the program was still running {EXIT_TIMEOUT:g} s after its main thread ended (one heartbeat rests "
           "30 s between beats): the heartbeat thread is not a daemon, so Python waits for it; create it with "
           "Thread(..., daemon=True).")
    expect("beats after main ended: True" in run.stdout, "the heartbeat never called beat() in the program.")


HEARTBEAT_MODERN_DRIVER = """
import json, os, warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", DeprecationWarning)
    try:
        start_heartbeat(lambda: None, 30)
        error = ""
    except BaseException as exc:
        error = f"{type(exc).__name__}: {exc}"
old = sorted({str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)})
print("facts: " + json.dumps({"error": error, "deprecated": old}), flush=True)
os._exit(0)
"""


def check_heartbeat_modern(start_heartbeat) -> None:
    """No deprecated threading API: none in the answer cell's code, no DeprecationWarning when it runs (fresh Python)."""
    run = run_python(with_function(start_heartbeat, HEARTBEAT_MODERN_DRIVER), EXIT_TIMEOUT)
    found = facts(run)
    not_written(found.get("error", "") or last_error(run), "start_heartbeat")
    old = deprecated_calls(definitions(start_heartbeat)) or found.get("deprecated", [])
    expect(not old, "start_heartbeat() uses the deprecated threading API: " + "; ".join(old) + ".")


# ---------------------------------------------------------------------------------------------- worker

RETURN_SHAPE = "start_worker() must return (thread, stop): the started Thread first, then its stop Event."
FRESH_EVENT = ("start_worker() returned a stop Event that was already set, or the one an earlier worker got: create a "
               "new Event in every call (a default argument or a module-level Event is made once and shared).")


def _tidy(result) -> None:
    """A wrong return value: still stop and join whatever was started, so no thread is left behind."""
    items = result if isinstance(result, (tuple, list)) else [result]
    for item in items:
        if isinstance(item, threading.Event):
            item.set()
    for item in items:
        if isinstance(item, threading.Thread) and item.ident is not None:
            item.join(2)


def started_worker(start_worker, step, cleanup, interval, earlier=()):
    """Call start_worker (bounded); check it returned (started thread, new unset Event); return them."""
    result = call_with_timeout(start_worker, step, cleanup, interval, timeout=3,
                               hint="start_worker() must start a thread and return (thread, stop) at once.")
    if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], threading.Thread)
            and isinstance(result[1], threading.Event)):
        _tidy(result)
        expect(False, RETURN_SHAPE)
    thread, stop = result
    expect(thread.ident is not None, "start_worker() returned a Thread that was never started: start() it first.")
    fresh = not stop.is_set() and all(stop is not e for e in earlier)
    if not fresh:
        _tidy(result)
    expect(fresh, FRESH_EVENT)
    return thread, stop


def resting(thread: threading.Thread, timeout: float = 2.0) -> bool:
    """Wait until `thread` is blocked inside a threading wait (its rest, e.g. stop.wait(interval)); False if not seen.

    This only picks the moment at which a test sets the stop event (never mid-step); a worker
    that rests some other way (time.sleep) is simply not seen resting, and the test says nothing
    that depends on it.
    """
    pause = threading.Event()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and thread.is_alive():
        frame = sys._current_frames().get(thread.ident)
        if frame is not None and frame.f_code.co_filename == threading.__file__ and frame.f_code.co_name == "wait":
            return True
        pause.wait(0.001)
    return False


WORKER_DRIVER = """
import os

first_step = Event()


def step():
    first_step.set()


def cleanup():
    threading.main_thread().join(5)  # only once the main thread has ended, i.e. while the program is exiting,
    time.sleep(0.3)                  # a slow cleanup, like flushing a file: a daemon thread is cut off here
    print("cleanup done", flush=True)


result = start_worker(step, cleanup, 0.05)
if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], Thread)
        and isinstance(result[1], Event)):
    print("wrong return value", flush=True)
    os._exit(0)
thread, stop = result
print(f"daemon: {thread.daemon}", flush=True)
first_step.wait(1)
stop.set()
print("main: done", flush=True)  # no join: the interpreter itself waits for non-daemon threads
"""


def check_cleanup_at_exit(start_worker) -> None:
    """Run `start_worker` in a fresh Python that sets stop and ends without join: the cleanup must still run."""
    run = run_python(with_function(start_worker, WORKER_DRIVER), EXIT_TIMEOUT)
    not_written(last_error(run), "start_worker")
    expect("wrong return value" not in run.stdout, RETURN_SHAPE)
    expect("daemon: True" not in run.stdout,
           "the worker is a daemon thread: at exit it is cut off and its cleanup never runs; leave daemon at "
           "its default (False) and stop the worker with the Event.")
    expect(not run.timed_out,
           f"the program was still running {EXIT_TIMEOUT:g} s after stop was set: the worker must leave its loop "
           "once the stop Event is set.")
    expect(run.returncode == 0, f"the program failed: {last_error(run)}")
    cleanups = run.stdout.count("cleanup done")
    expect(cleanups >= 1,
           "cleanup() never finished when the program exited: a daemon thread is cut off at exit and its "
           "finally block never runs; use a non-daemon thread (the default) and the stop Event.")
    expect(cleanups == 1, f"cleanup() ran {cleanups} times: call it exactly once.")


# ---------------------------------------------------------------------------------------------- predictions

# The programs of the "which ones exit?" exercise, shown in the notebook's markdown word for word.
FOREVER = "import threading, time\n\ndef forever():\n    while True:\n        time.sleep(0.01)\n\n"

SNIPPETS = {
    "a": FOREVER + "threading.Thread(target=forever).start()\nprint('main: done')\n",
    "b": FOREVER + "threading.Thread(target=forever, daemon=True).start()\nprint('main: done')\n",
    "c": FOREVER + ("def parent():\n    threading.Thread(target=forever).start()\n\n"
                    "t = threading.Thread(target=parent, daemon=True)\nt.start()\nt.join()\nprint('main: done')\n"),
    "d": FOREVER + "t = threading.Thread(target=forever)\nt.start()\nt.daemon = True\nprint('main: done')\n",
    "e": FOREVER + "t = threading.Thread(target=forever, daemon=True)\nt.start()\nt.join()\nprint('main: done')\n",
    "f": FOREVER + ("def parent():\n    threading.Thread(target=forever, daemon=False).start()\n\n"
                    "t = threading.Thread(target=parent, daemon=True)\nt.start()\nt.join()\nprint('main: done')\n"),
    "g": ("import threading\n\nstop = threading.Event()\n\ndef worker():\n    while not stop.wait(0.01):\n"
          "        pass\n\nthreading.Thread(target=worker).start()\nstop.set()\nprint('main: done')\n"),
}

WHY = {
    "a": "a non-daemon thread that never ends keeps the program alive after the main thread is done.",
    "b": "a daemon thread never keeps the program alive: it is cut off when the main thread is done.",
    "c": "a new thread inherits the daemon flag of the thread that creates it, so the child of a daemon is a daemon.",
    "d": "setting daemon after start() raises RuntimeError; the thread stays non-daemon and keeps the program alive.",
    "e": "join() waits for the thread to end, daemon or not, and forever() never ends.",
    "f": "daemon=False overrides the inherited flag: Python waits for that child, which never ends.",
    "g": "the worker leaves its loop once stop is set, so the non-daemon thread ends and the program exits.",
}


@cache
def outcomes() -> dict[str, str]:
    """Run every snippet (in parallel, once per kernel): "exits" or "hangs" for each."""
    with ThreadPoolExecutor(len(SNIPPETS)) as pool:
        runs = dict(zip(SNIPPETS, pool.map(lambda source: run_python(source, PREDICT_TIMEOUT), SNIPPETS.values())))
    return {key: "hangs" if run.timed_out else "exits" for key, run in runs.items()}


def meaning(prediction) -> object:
    """What a prediction says: "exit"/"Hangs " mean "exits"/"hangs" here (the spelling costs a point elsewhere)."""
    if not isinstance(prediction, str):
        return prediction
    word = prediction.strip().lower()
    return {"exit": "exits", "hang": "hangs"}.get(word, word)


def wrong_predictions(predictions: dict, keys: str) -> str:
    """One sentence per snippet in `keys` whose prediction disagrees with running it; "" when all agree."""
    actual = outcomes()
    wrong = [key for key in keys if meaning(predictions.get(key)) != actual[key]]
    return " ".join(f"Snippet {key} {actual[key]}: {WHY[key]}" for key in wrong)
