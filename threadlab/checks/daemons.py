"""Checks for notebook 05 (daemons): what a learner's threads do when the program exits.

A notebook's kernel never exits, so these checks run the learner's function in a
fresh interpreter with a small driver program around it, and read its output:
did the program exit, did the cleanup run? The small timeout (2 s) counts from
the moment the program has started, so a slow start on a busy machine is not
mistaken for a program that never exits.
"""

from __future__ import annotations

import ast
import inspect
import linecache
import textwrap
from concurrent.futures import ThreadPoolExecutor
from functools import cache

from threadlab.testing import Run, expect, run_python

EXIT_TIMEOUT = 2.0  # seconds after start-up; every program below exits in well under 0.5 s when it exits at all

# Names a learner's function may use without importing them: the driver imports these first.
PRELUDE = "import threading, time\nfrom threading import Event, Thread, current_thread\n"

LATE_DAEMON = "cannot set daemon status of active thread"


DEFINITIONS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def definitions(func) -> str:
    """The imports, functions and classes of the cell that defined `func`, without its other statements.

    IPython keeps each cell's source in `linecache` under the cell's file name, so
    helpers and classes the learner wrote next to `func` come along; a trial call
    at the bottom of the cell does not.
    """
    code = getattr(func, "__code__", None)
    source = "".join(linecache.getlines(code.co_filename)) if code else ""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        tree = None
    if not tree or not tree.body:
        return textwrap.dedent(inspect.getsource(func))
    lines = source.splitlines()
    kept = []
    for node in tree.body:
        if isinstance(node, DEFINITIONS):
            first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            kept.append("\n".join(lines[first - 1:node.end_lineno]))
    return "\n\n".join(kept)


def with_function(func, driver: str) -> str:
    """A program: the prelude, the definitions around `func` (see `definitions`), then `driver`."""
    return PRELUDE + definitions(func) + "\n\n" + textwrap.dedent(driver)


def last_error(run: Run) -> str:
    lines = run.stderr.strip().splitlines()
    return lines[-1] if lines else ""


HEARTBEAT_DRIVER = """
first_beat = Event()

def beat():
    print("beat", flush=True)
    first_beat.set()

start_heartbeat(beat, 0.05)
first_beat.wait(1)
print("main: done", flush=True)
"""


def check_heartbeat_exits(start_heartbeat) -> None:
    """Run `start_heartbeat` in a fresh Python whose main thread then ends: the program must exit."""
    run = run_python(with_function(start_heartbeat, HEARTBEAT_DRIVER), EXIT_TIMEOUT)
    expect(LATE_DAEMON not in run.stderr,
           "start_heartbeat() set daemon after start(), which raises RuntimeError: the thread stays non-daemon "
           "and the program never exits; pass daemon=True to Thread(...) (or set t.daemon before t.start()).")
    expect(not run.timed_out,
           f"the program was still running {EXIT_TIMEOUT:g} s after its main thread ended: the heartbeat thread "
           "is not a daemon, so Python waits for it forever; create it with Thread(..., daemon=True).")
    expect(run.returncode == 0, f"the program failed: {last_error(run)}")
    expect("beat" in run.stdout, "the heartbeat never called beat() in the program: start the thread.")


WORKER_DRIVER = """
first_step = Event()

def step():
    first_step.set()

def cleanup():
    time.sleep(0.3)  # a slow cleanup, like flushing a file: a daemon thread is cut off in the middle
    print("cleanup done", flush=True)

thread, stop = start_worker(step, cleanup, 0.05)
print(f"daemon: {thread.daemon}", flush=True)
first_step.wait(1)
stop.set()
print("main: done", flush=True)  # no join: the interpreter itself waits for non-daemon threads
"""


def check_cleanup_at_exit(start_worker) -> None:
    """Run `start_worker` in a fresh Python that sets stop and ends without join: the cleanup must still run."""
    run = run_python(with_function(start_worker, WORKER_DRIVER), EXIT_TIMEOUT)
    expect("daemon: True" not in run.stdout,
           "the worker is a daemon thread: at exit it is cut off and its cleanup never runs; leave daemon at "
           "its default (False) and stop the worker with the Event.")
    expect(not run.timed_out,
           f"the program was still running {EXIT_TIMEOUT:g} s after stop was set: the worker must leave its loop "
           "once the stop Event is set.")
    expect(run.returncode == 0, f"the program failed: {last_error(run)}")
    expect("cleanup done" in run.stdout,
           "cleanup() never finished when the program exited: a daemon thread is cut off at exit and its "
           "finally block never runs; use a non-daemon thread (the default) and the stop Event.")


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
        runs = dict(zip(SNIPPETS, pool.map(lambda source: run_python(source, EXIT_TIMEOUT), SNIPPETS.values())))
    return {key: "hangs" if run.timed_out else "exits" for key, run in runs.items()}


def wrong_predictions(predictions: dict, keys: str) -> str:
    """One sentence per snippet in `keys` whose prediction disagrees with running it; "" when all agree."""
    actual = outcomes()
    wrong = [key for key in keys if predictions.get(key) != actual[key]]
    return " ".join(f"Snippet {key} {actual[key]}: {WHY[key]}" for key in wrong)
