"""IPython extension loaded into every grading kernel: background threads cannot poison scores.

nbgrader scores a test cell 0 when it wrote anything to stderr, and output from a
background thread lands in whichever cell is running. So, in the grading kernel:
- an uncaught exception in a thread is printed to stdout, headed with the thread's
  name (the student still sees it, attributed; the running test is not zeroed);
- anything else a non-main thread writes to stderr (logging, warnings, prints)
  goes to stdout as well. The main thread's stderr is untouched.
Hidden tests that want thread exceptions still get them with
`threadlab.testing.catch_thread_exceptions()`, which replaces the hook for its block.
Last, it installs the guard (`guard.py`), which snapshots this trusted state for the grader.
"""

from __future__ import annotations

import sys
import threading
import traceback


def print_thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "a thread"
    lines = traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
    sys.stdout.write(f"Exception in thread {name} (shown here, not counted against this cell):\n{''.join(lines)}")
    sys.stdout.flush()


class MainThreadStderr:
    """stderr for the main thread; stdout for every other thread."""

    def __init__(self, stderr, stdout) -> None:
        self._stderr, self._stdout = stderr, stdout

    def write(self, text: str) -> int:
        if threading.current_thread() is threading.main_thread():
            return self._stderr.write(text)
        return self._stdout.write(text)

    def __getattr__(self, name: str):
        return getattr(self._stderr, name)


def load_ipython_extension(ipython) -> None:
    threading.excepthook = print_thread_exception
    if not isinstance(sys.stderr, MainThreadStderr):
        sys.stderr = MainThreadStderr(sys.stderr, sys.stdout)
    from .guard import install

    install(ipython)  # last: the hooks above are part of what it keeps trustworthy
