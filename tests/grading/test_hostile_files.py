"""Hostile submissions, round 2: the grader (root) never follows what a student made.

One course, one sandboxed grading run; the attacks run in echo.ipynb (graded first), so they aim at
threads.ipynb, graded after it in the same working copy. The reference threads answer must still
score full marks, a file of the course must stay as it was, and every student is graded in bounded time.
"""

from __future__ import annotations

import copy
import os
import time

import nbformat
import pytest

from threadlab.grading import autograde as ag
from threadlab.grading.classgrade import grade_class
from threadlab.grading.sandbox import sandbox_problem

from .course import ASSIGNMENT, ECHO_ONCE, MAX_SCORE, answer, leftover_processes, make_course, marks, reported, submit

pytestmark = pytest.mark.xdist_group("grading-hostile-files")

WORKDIR_MB = 48
SETTINGS = {"Execute.timeout": 5, "BoundedExecute.budget": 20, "GradingKernelManager.memory_mb": 1536,
            "GradingKernelManager.max_processes": 64, "GradingKernelManager.file_size_mb": 32,
            "SandboxedKernelManager.workdir_mb": WORKDIR_MB, "SandboxedKernelManager.tmp_mb": WORKDIR_MB,
            "ClassGrading.jobs": 2}
STUDENT_BOUND = 2 * (20 + 30) + 30  # two notebooks: budget + kernel start + nbgrader's own work, loaded machine
CANARY = "canary.txt"

LINKS = f'''\
import os
for name in ["threads.ipynb", "echo.ipynb"]:
    if os.path.lexists(name):
        os.remove(name)
    os.symlink("../../../{CANARY}", name)
os.symlink("../../../{CANARY}", "planted.txt")
os.symlink("/", "root-link")
'''
FIFOS = '''\
import os
for name in ["threads.ipynb", "echo.ipynb"]:
    if os.path.lexists(name):
        os.remove(name)
    os.mkfifo(name)
os.mkfifo("extra-fifo")
'''
DISK = '''\
chunk, written = b"x" * (32 << 20), 0
try:
    for n in range(20):
        for where in (f"big-{n}", f"/tmp/big-{n}"):
            with open(where, "wb") as f:
                f.write(chunk)
            written += 32
except OSError as exc:
    print(f"stopped={exc}")
print(f"written_mb={written}")
'''
READ_LINKS = '''\
import os
for name in ["gradebook.db", "solutions.ipynb"]:
    try:
        print(f"{name}=" + repr(open(name, "rb").read(40)))
    except OSError as exc:
        print(f"{name}=denied {type(exc).__name__}")
'''


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    if sandbox_problem():
        pytest.skip(f"the sandbox cannot run here: {sandbox_problem()}")
    root = make_course(tmp_path_factory.mktemp("files"))
    canary = root / CANARY
    canary.write_text("untouched")
    os.chmod(canary, 0o600)

    def with_attack(student, attack, threads=None):
        return submit(root, student, {"echo.ipynb": answer(root, "echo", {"echo-echo-once": attack + ECHO_ONCE}),
                                      "threads.ipynb": threads or answer(root, "threads")})

    submit(root, "good", {"echo.ipynb": answer(root, "echo"), "threads.ipynb": answer(root, "threads")})
    with_attack("links", LINKS)
    with_attack("fifos", FIFOS)
    with_attack("disk", DISK)
    folder = with_attack("sublinks", READ_LINKS)
    (folder / "gradebook.db").symlink_to(root / "gradebook.db")
    (folder / "solutions.ipynb").symlink_to(root / "source" / ASSIGNMENT / "threads.ipynb")
    os.mkfifo(folder / "pipe")
    folder = submit(root, "nblink", {"echo.ipynb": answer(root, "echo", reference=False)})
    (folder / "threads.ipynb").symlink_to(root / "source" / ASSIGNMENT / "threads.ipynb")
    copied = answer(root, "threads")
    for grade_id in ["threads-run-all", "threads-run-all-test-runs"]:  # Edit → Copy, Paste below: same metadata
        at = next(i for i, c in enumerate(copied.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
        copied.cells.insert(at + 1, copy.deepcopy(copied.cells[at]))
    submit(root, "copied", {"echo.ipynb": answer(root, "echo"), "threads.ipynb": copied})
    before = {p: (p.stat().st_mode, p.read_bytes()) for p in [canary, *(root / "source" / ASSIGNMENT).iterdir()]}
    start = time.monotonic()
    results = {r.student: r for r in grade_class(root, [ASSIGNMENT], overrides=SETTINGS)[0]}
    return root, results, before, time.monotonic() - start


def test_the_grader_never_writes_or_chmods_through_a_students_link(graded):
    root, results, before, _ = graded
    for path, (mode, data) in before.items():
        assert (path.stat().st_mode, path.read_bytes()) == (mode, data), f"{path} was changed"
    for student in ["links", "fifos"]:
        workdir = root / "autograded" / student / ASSIGNMENT
        assert not [p for p in workdir.rglob("*") if p.is_symlink() or not (p.is_file() or p.is_dir())], \
            "nothing the student's code made reaches the grader's disk"
        assert marks(results[student]) == {"echo": (1, 1), "threads": (2, 2)}, results[student].line()


def test_every_student_is_graded_in_bounded_time(graded):
    root, results, _, seconds = graded
    for student, result in results.items():
        assert result.seconds < STUDENT_BOUND, f"{student} took {result.seconds:.0f} s"
    assert results["good"].score == sum(MAX_SCORE.values()) and not results["good"].problems
    assert leftover_processes(root) == []


def test_a_full_disk_is_bounded_and_said_in_one_line(graded):
    root, results, _, _ = graded
    written = int(reported(root, "disk", "echo", "written_mb"))
    assert written <= 2 * WORKDIR_MB, f"{written} MiB written"
    assert any("filled its working space" in p for p in results["disk"].problems), results["disk"].line()
    assert marks(results["disk"])["threads"] == (2, 2)
    assert sum(p.stat().st_size for p in (root / "autograded" / "disk").rglob("*") if p.is_file()) < 1 << 20


def test_links_and_fifos_in_the_submission_folder_are_refused_with_a_reason(graded):
    root, results, _, _ = graded
    problems = results["sublinks"].problems
    for line in ["gradebook.db is a symbolic link, not a file: refused", "solutions.ipynb is a symbolic link",
                 "pipe is a FIFO, not a file: refused"]:
        assert any(p.startswith(line) for p in problems), problems
    for name in ["gradebook.db", "solutions.ipynb"]:
        assert reported(root, "sublinks", "echo", name).startswith("denied"), "the kernel read a linked file"
    assert marks(results["sublinks"]) == {"echo": (1, 1), "threads": (2, 2)}


def test_a_notebook_that_is_a_link_scores_zero(graded):
    _, results, _, _ = graded
    result = results["nblink"]
    assert result.graded and marks(result).get("threads", (0, 2))[0] == 0, result.line()
    assert "threads.ipynb is a symbolic link, not a file: refused; it scores 0" in result.problems


def test_a_copied_cell_is_an_accident_not_a_zero(graded):
    root, results, _, _ = graded
    result = results["copied"]
    assert result.graded and result.score == sum(MAX_SCORE.values()), result.line()
    for grade_id in ["threads-run-all", "threads-run-all-test-runs"]:
        assert f"threads.ipynb: this cell was a copy of the cell with grade id {grade_id!r}; it ran as an " \
               "ordinary cell (the first one is graded)" in result.problems, result.problems
    nb = nbformat.read(root / "autograded" / "copied" / ASSIGNMENT / "threads.ipynb", as_version=4)
    assert sum("Note from the grader" in c.source for c in nb.cells if c.cell_type == "markdown") == 2
