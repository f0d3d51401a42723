"""Plain `nbgrader autograde` (CLI or formgrader) is sandboxed too, through the course's nbgrader_config.py.

Harmless submissions only: the sandbox is either on, or deliberately off for trusted code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.api import Gradebook, MissingEntry

from threadlab.grading.sandbox import UID_BASE, UID_POOL, sandbox_problem

from .course import ASSIGNMENT, ECHO_ONCE, answer, make_course, reported, submit

# The module-scoped course is built once: keep this module on one xdist worker (--dist loadgroup).
pytestmark = pytest.mark.xdist_group("grading-plain")

WHOAMI = "import os\nprint(f'uid={os.getuid()}')\n" + ECHO_ONCE
NO_BWRAP_PATH = str(Path(sys.executable).parent)  # nbgrader's tools, but neither bwrap nor setpriv


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    if sandbox_problem():
        pytest.skip(f"the sandbox cannot run here: {sandbox_problem()}")
    root = make_course(tmp_path_factory.mktemp("plain"))
    for student in ["sandboxed", "refused", "optout"]:
        submit(root, student, {"echo.ipynb": answer(root, "echo", {"echo-echo-once": WHOAMI}),
                               "threads.ipynb": answer(root, "threads")})
    return root


def autograde(root: Path, student: str, **env) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{NO_BWRAP_PATH}:{os.environ['PATH']}", **env}
    return subprocess.run([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--student", student,
                           "--force", "--Execute.timeout=5"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=240)


def score(root: Path, student: str) -> float | None:
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        try:
            return gb.find_submission(ASSIGNMENT, student).score
        except MissingEntry:
            return None


def test_plain_autograde_runs_student_code_in_the_sandbox(course):
    done = autograde(course, "sandboxed")
    assert done.returncode == 0, done.stderr[-2000:]
    uid = int(reported(course, "sandboxed", "echo", "uid"))
    assert UID_BASE <= uid < UID_BASE + UID_POOL, f"student code ran as uid {uid}"
    assert score(course, "sandboxed") == 3


def test_plain_autograde_refuses_when_the_sandbox_cannot_start(course):
    done = autograde(course, "refused", PATH=NO_BWRAP_PATH)
    assert done.returncode != 0
    assert "refusing to grade: the sandbox cannot run (bubblewrap (bwrap) is not installed" in done.stdout + done.stderr
    assert not (course / "autograded" / "refused" / ASSIGNMENT).exists()
    assert not score(course, "refused"), "no grade is written"


def test_the_instructor_can_opt_out_and_is_warned(course):
    done = autograde(course, "optout", PATH=NO_BWRAP_PATH, THREADLAB_UNSANDBOXED="1")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "GRADING UNSANDBOXED" in done.stdout + done.stderr
    assert int(reported(course, "optout", "echo", "uid")) == os.getuid()
    assert score(course, "optout") == 3


READ_SOLUTIONS = ("try:\n    print('solutions=' + repr(open('solutions.ipynb').read(20)))\n"
                  "except OSError as exc:\n    print('solutions=denied', type(exc).__name__)\n") + ECHO_ONCE


def test_plain_autograde_does_not_follow_links_in_the_submission(course):
    """nbgrader itself reads a linked notebook and copies linked files, as root: the grading step undoes it."""
    folder = submit(course, "linker", {"echo.ipynb": answer(course, "echo", {"echo-echo-once": READ_SOLUTIONS})})
    (folder / "threads.ipynb").symlink_to(course / "source" / ASSIGNMENT / "threads.ipynb")
    (folder / "solutions.ipynb").symlink_to(course / "source" / ASSIGNMENT / "threads.ipynb")
    done = autograde(course, "linker")
    assert done.returncode == 0, done.stderr[-2000:]
    assert reported(course, "linker", "echo", "solutions").startswith("denied"), "the kernel read the solutions"
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        notebooks = {nb.name: nb.score for nb in gb.find_submission(ASSIGNMENT, "linker").notebooks}
    assert notebooks == {"echo": 1, "threads": 0}, "a linked notebook (the solutions) scores 0"
    assert "threads.ipynb is a symbolic link, not a notebook file" in done.stdout + done.stderr
