"""Each Execute/OverwriteCells line of nbgrader_config.py prevents a failure: shown with real `nbgrader autograde` runs.

Every test grades the same submission twice, at the same time, as two students: once with the
course's nbgrader_config.py and once with that one line overridden on the command line. The
second run shows the failure; the first shows it gone. Evidence comes from the gradebook and from
nbgrader's own log (debug level, with timestamps), not from stopwatch ratios.

The runs pin nbgrader's default autograde preprocessors (plain `Execute`), so they test the
config line itself, whatever the course later wraps around execution (e.g. a sandbox).
Submissions here are harmless when run unsandboxed: loops that wait on events, a forgotten
thread, a kernel that ignores SIGINT. Every kernel dies with its run. Never put a bomb here.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from jupyter_client import KernelManager
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.converters import Autograde
from nbgrader.preprocessors import Execute
from traitlets.config.loader import PyFileConfigLoader

from threadlab.grading.course import scratch_course

from .grading.course import KERNEL, meta

# The module-scoped course is built once: keep this module on one xdist worker (--dist loadgroup).
pytestmark = pytest.mark.xdist_group("nbgrader-config")

ASSIGNMENT = "waits"
NOTEBOOKS = ("first", "second")  # two, so a failure in one can be seen not to touch the other
TESTS = ("test-gives-up", "test-sees-set")  # in notebook order, 1 point each

WAIT_UNTIL_SET = '''\
def wait_until_set(event, timeout):
    """Wait at most `timeout` seconds for `event`; return whether it was set."""
    ### BEGIN SOLUTION
    return event.wait(timeout)
    ### END SOLUTION'''

# Never returns for an event nobody sets: it ignores the timeout. (It polls rather than spins so
# that two of these waiting out 15 s and 30 s do not steal a core from a loaded machine; to
# nbclient a poll and a spin look the same: a busy kernel that answers an interrupt.)
IGNORES_TIMEOUT = '''\
import time
def wait_until_set(event, timeout):
    while not event.is_set():
        time.sleep(0.01)
    return True'''
CORRECT = WAIT_UNTIL_SET.replace("    ### BEGIN SOLUTION\n", "").replace("\n    ### END SOLUTION", "")
# A non-daemon thread blocked forever: the kernel's interpreter cannot exit on a polite shutdown.
LEAKS_A_THREAD = CORRECT + '\n\nthreading.Thread(target=threading.Event().wait, name="forgotten").start()'
# Ignores SIGINT, then never finishes the cell: the interrupt after the timeout goes unanswered.
DEAF = CORRECT + "\n\nimport signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nthreading.Event().wait()"

# nbgrader's defaults, which the course config overrides (read from nbgrader, not copied)
DEFAULT_PREPROCESSORS = [f"{c.__module__}.{c.__name__}"
                         for c in Autograde.class_traits()["autograde_preprocessors"].default()]
NBGRADER_DEFAULT_TIMEOUT = Execute.class_traits()["timeout"].default_value  # 30 s
# graceful shutdown: shutdown request, then SIGTERM only after half of shutdown_wait_time (2.5 s)
GRACEFUL_FLOOR = KernelManager.class_traits()["shutdown_wait_time"].default_value / 2

FAST = ["--Execute.timeout=3", "--Execute.iopub_timeout=2"]  # for lines other than the timeout
RUN_BOUND = 240  # seconds any one run may take on a loaded 2-core machine (the slowest needs ~45)

UNGRADED = (0, 2, {TESTS[0]: None, TESTS[1]: None})  # a submission nbgrader gave up on: no auto scores

# the stuck test cell is interrupted (its output says so); the next test cell runs clean
STUCK_THEN_PASSED = {TESTS[0]: ["KeyboardInterrupt", "CellTimeoutError"], TESTS[1]: []}

LOG_LINE = re.compile(r"^(\d+\.\d{3}) (DEBUG|INFO|WARNING|ERROR|CRITICAL) (.*)$")


# -- the course -----------------------------------------------------------------------------------
def waits_notebook():
    return new_notebook(metadata=KERNEL, cells=[
        new_markdown_cell("# Waiting with a timeout"),
        new_code_cell("import threading", metadata=meta("imports", locked=True)),
        new_code_cell(WAIT_UNTIL_SET, metadata=meta("wait-until-set", solution=True)),
        new_code_cell("assert wait_until_set(threading.Event(), 0.05) is False, "
                      "'nobody sets this event: give up after the timeout and return False'",
                      metadata=meta(TESTS[0], grade=True, locked=True, points=1)),
        new_code_cell("done = threading.Event()\ndone.set()\n"
                      "assert wait_until_set(done, 1) is True, 'the event is set: return True'",
                      metadata=meta(TESTS[1], grade=True, locked=True, points=1)),
    ])


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course with this repository's nbgrader_config.py and one assignment of two notebooks."""
    root = tmp_path_factory.mktemp("config-course")
    for name in NOTEBOOKS:
        path = root / "source" / ASSIGNMENT / f"{name}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(waits_notebook(), path)
    return scratch_course(root)


def course_config(root: Path):
    """The course's nbgrader_config.py, loaded as nbgrader loads it."""
    return PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()


def submit(root: Path, student: str, first: str, second: str = CORRECT, drop: str | None = None) -> None:
    """Write a submission: the release notebooks with these answers, minus the test cell `drop`."""
    for name, code in zip(NOTEBOOKS, (first, second)):
        nb = nbformat.read(root / "release" / ASSIGNMENT / f"{name}.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("solution"):
                cell.source = code
        if name == "first" and drop:
            nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != drop]
        path = root / "submitted" / student / ASSIGNMENT / f"{name}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)


# -- grading runs ---------------------------------------------------------------------------------
@dataclass
class Run:
    root: Path
    student: str
    returncode: int
    output: str  # nbgrader's stdout and stderr

    def log(self, pattern: str) -> list[tuple[float, str]]:
        """(time, message) of every log line whose message matches `pattern`."""
        lines = (LOG_LINE.match(line) for line in self.output.splitlines())
        return [(float(m[1]), m[3]) for m in lines if m and re.search(pattern, m[3])]

    def notebook(self, name: str):
        """(score, max score, {grade id: auto score}) from the gradebook, or None if not graded."""
        with Gradebook(f"sqlite:///{self.root / 'gradebook.db'}") as gb:
            try:
                nb = gb.find_submission_notebook(name, ASSIGNMENT, self.student)
            except MissingEntry:
                return None
            return nb.score, nb.max_score, {g.name: g.auto_score for g in nb.grades}

    def errors(self, name: str) -> dict[str, list[str]]:
        """{grade id: names of the errors in its outputs} of one autograded notebook."""
        nb = nbformat.read(self.root / "autograded" / self.student / ASSIGNMENT / f"{name}.ipynb", as_version=4)
        return {c.metadata["nbgrader"]["grade_id"]: [o.ename for o in c.outputs if o.output_type == "error"]
                for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}

    def graded(self) -> bool:
        return (self.root / "autograded" / self.student / ASSIGNMENT).exists()


def autograde(root: Path, runs: dict[str, list[str]]) -> list[Run]:
    """Autograde each student at the same time (student -> command-line overrides); all must end.

    Each run gets its own process group, so a run that overstays RUN_BOUND is killed with its
    kernels, and a kernel left behind after nbgrader exits is found (and killed) too.
    """
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    started = {}
    for student, overrides in runs.items():
        shutil.rmtree(root / "autograded" / student, ignore_errors=True)
        command = [sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--student", student, "--force",
                   f"--Autograde.autograde_preprocessors={DEFAULT_PREPROCESSORS!r}",
                   "--log-level=DEBUG", "--NbGrader.log_format=%(created).3f %(levelname)s %(message)s",
                   *overrides]
        process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, start_new_session=True)
        started[student] = process
    done, problems = [], []
    deadline = time.monotonic() + RUN_BOUND
    for student, process in started.items():
        try:
            output, _ = process.communicate(timeout=max(1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate(timeout=30)
            problems.append(f"{student}: autograde still running after {RUN_BOUND} s; killed")
        done.append(Run(root, student, process.returncode, output))
        try:
            os.killpg(process.pid, 0)  # anything still in the run's process group?
        except ProcessLookupError:
            continue
        os.killpg(process.pid, signal.SIGKILL)
        problems.append(f"{student}: nbgrader left a process (a kernel?) running; killed")
    assert not problems, problems
    for run in done:
        assert run.log(r"^Applying preprocessor: Execute$"), f"{run.student} did not run nbgrader's Execute"
    return done


def shutdown_seconds(run: Run) -> list[float]:
    """Per notebook: from the kernel's last message to the next preprocessor (the kernel's shutdown)."""
    marks = run.log(r"^Applying preprocessor: |^content: \{'execution_state': 'idle'\}")
    spans, executing, last_idle = [], False, None
    for t, message in marks:
        if message.startswith("Applying preprocessor: "):
            if executing:
                spans.append(t - last_idle)
            executing, last_idle = message == "Applying preprocessor: Execute", None
        elif executing:
            last_idle = t
    return spans


# -- one test per line ----------------------------------------------------------------------------
def test_a_deleted_test_cell_is_put_back_and_graded_with_add_missing_cells(course):
    for student in ("deleter-course", "deleter-without"):
        submit(course, student, CORRECT, drop=TESTS[1])
    with_line, without = autograde(course, {"deleter-course": [],
                                            "deleter-without": ["--OverwriteCells.add_missing_cells=False"]})
    assert with_line.returncode == 0, with_line.output[-3000:]
    assert with_line.notebook("first") == (2, 2, {TESTS[0]: 1, TESTS[1]: 1}), "the deleted test was not put back"
    assert list(with_line.errors("first")) == list(TESTS)  # back in the autograded notebook, in its place
    # without the line the run succeeds and the deleted test is silently not run: no score for it
    assert without.returncode == 0, without.output[-3000:]
    assert without.notebook("first") == (1, 2, {TESTS[0]: 1, TESTS[1]: None}), (
        "nbgrader graded a deleted test cell even without add_missing_cells")
    assert list(without.errors("first")) == [TESTS[0]]


def test_a_cell_that_never_ends_costs_the_course_timeout_not_nbgraders_30_s(course):
    timeout = course_config(course).Execute.get("timeout")
    assert isinstance(timeout, int) and 0 < timeout < NBGRADER_DEFAULT_TIMEOUT, (
        f"the course's Execute.timeout ({timeout}) should be finite and below nbgrader's {NBGRADER_DEFAULT_TIMEOUT} s")
    for student in ("stuck-course", "stuck-default"):
        submit(course, student, IGNORES_TIMEOUT)
    with_line, without = autograde(course, {"stuck-course": [],
                                            "stuck-default": [f"--Execute.timeout={NBGRADER_DEFAULT_TIMEOUT}"]})
    waited = {}
    for run, limit in ((with_line, timeout), (without, NBGRADER_DEFAULT_TIMEOUT)):
        assert run.returncode == 0, run.output[-3000:]
        # only the cell that never ends scores 0; the next test cell and the other notebook pass
        assert run.notebook("first") == (1, 2, {TESTS[0]: 0, TESTS[1]: 1}), run.student
        assert run.notebook("second") == (2, 2, {TESTS[0]: 1, TESTS[1]: 1}), run.student
        assert run.errors("first") == STUCK_THEN_PASSED, run.student
        timeouts = run.log(r"^Timeout waiting for execute reply")
        assert [m for _, m in timeouts] == [f"Timeout waiting for execute reply ({limit}s)."], run.student
        started = max(t for t, _ in run.log(r"^Executing cell:") if t <= timeouts[0][0])
        waited[run.student] = timeouts[0][0] - started
        # given up on after its limit: not before (nbclient waits it out; 0.5 s for clock slew), nor long after
        assert limit - 0.5 <= waited[run.student] < limit + 10, waited


def test_the_first_timeout_interrupts_the_cell_instead_of_aborting_the_submission(course):
    # nbgrader 0.9.6's Execute already defaults to True (nbclient's to False): the line keeps it so
    assert course_config(course).Execute.get("interrupt_on_timeout") is True
    for student in ("interrupted-course", "interrupted-without"):
        submit(course, student, IGNORES_TIMEOUT)
    with_line, without = autograde(course, {"interrupted-course": FAST,
                                            "interrupted-without": [*FAST, "--Execute.interrupt_on_timeout=False"]})
    assert with_line.returncode == 0, with_line.output[-3000:]
    assert with_line.log(r"^Interrupting kernel$")
    assert with_line.notebook("first") == (1, 2, {TESTS[0]: 0, TESTS[1]: 1})
    assert with_line.errors("first") == STUCK_THEN_PASSED
    assert with_line.notebook("second") == (2, 2, {TESTS[0]: 1, TESTS[1]: 1})
    # without the line: one cell's timeout aborts the whole submission, the good notebook included
    assert without.returncode != 0 and not without.graded(), "the submission was graded after all"
    assert not without.log(r"^Interrupting kernel$")
    assert without.notebook("second") == UNGRADED


def test_a_kernel_ignoring_sigint_is_graded_0_with_raise_on_iopub_timeout_false(course):
    for student in ("deaf-course", "deaf-without"):
        submit(course, student, DEAF)
    with_line, without = autograde(course, {"deaf-course": FAST,
                                            "deaf-without": [*FAST, "--Execute.raise_on_iopub_timeout=True"]})
    assert with_line.returncode == 0, with_line.output[-3000:]
    assert with_line.log(r"^Timeout waiting for IOPub output$"), "the deaf kernel was not waited out"
    assert with_line.notebook("first") == (0, 2, {TESTS[0]: 0, TESTS[1]: 0})
    assert with_line.notebook("second") == (2, 2, {TESTS[0]: 1, TESTS[1]: 1}), "grading did not go on"
    # without the line: the unanswered interrupt aborts the whole submission, the good notebook included
    assert without.returncode != 0 and not without.graded(), "nbgrader's default graded the submission after all"
    assert without.notebook("second") == UNGRADED


def test_a_leaked_thread_does_not_hold_up_shutdown_with_immediate(course):
    for student in ("leaker-course", "leaker-graceful"):
        submit(course, student, LEAKS_A_THREAD, LEAKS_A_THREAD)
    with_line, without = autograde(course, {"leaker-course": [],
                                            "leaker-graceful": ["--Execute.shutdown_kernel=graceful"]})
    for run in (with_line, without):
        assert run.returncode == 0, run.output[-3000:]
        for name in NOTEBOOKS:  # the leak itself costs no points
            assert run.notebook(name) == (2, 2, {TESTS[0]: 1, TESTS[1]: 1}), (run.student, name)
    graceful, immediate = shutdown_seconds(without), shutdown_seconds(with_line)
    assert len(graceful) == len(immediate) == len(NOTEBOOKS), (graceful, immediate)
    # graceful: the kernel cannot exit (its interpreter joins the forgotten thread), so
    # jupyter_client waits half its shutdown_wait_time, then says so and sends SIGTERM
    assert len(without.log(r"^Kernel is taking too long to finish, terminating$")) == len(NOTEBOOKS)
    assert all(s >= GRACEFUL_FLOOR for s in graceful), graceful
    # immediate: killed at once, nothing to wait for
    assert not with_line.log(r"taking too long to finish")
    assert sum(immediate) < sum(graceful) / 2, (immediate, graceful)
