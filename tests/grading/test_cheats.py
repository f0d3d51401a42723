"""Cheats don't pay: tampering with how the tests run scores no more than an empty submission.

One course, one sandboxed grading run; each cheating student (tests/grading/cheats.py) submits a
wrong `run_all` plus a trick that, without the guard, scores the tests it tampers with. Next to them
an honest correct student and an empty one are graded in the same run.
"""

from __future__ import annotations

import nbformat
import pytest
from nbgrader.api import Gradebook

from threadlab.grading import autograde as ag
from threadlab.grading.classgrade import grade_class
from threadlab.grading.guard_client import relied_on
from threadlab.grading.sandbox import sandbox_problem

from .cheats import CHEATS, NOOP
from .course import ASSIGNMENT, answer, leftover_processes, make_course, marks, submit

# The module-scoped course is built once: keep this module on one xdist worker (--dist loadgroup).
pytestmark = pytest.mark.xdist_group("grading-cheats")

SETTINGS = {"Execute.timeout": 5, "BoundedExecute.budget": 30, "GradingKernelManager.memory_mb": 1536,
            "GradingKernelManager.max_processes": 64, "ClassGrading.jobs": 2}
TESTS = ["threads-run-all-test-runs", "threads-run-all-test-concurrent"]
TAMPERED = "your code changed how the tests run"


def edited_tests(root, how: str):
    """The threads notebook with a wrong answer and its test cells edited `how`."""
    nb = answer(root, "threads", {"threads-run-all": NOOP})
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    solution = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("solution"))
    if how == "moved":  # above the solution: would run before run_all exists
        for cell in tests:
            nb.cells.remove(cell)
        nb.cells[solution:solution] = tests
    elif how == "retyped":  # a markdown cell is never run, so it could not fail
        for cell in tests:
            cell.cell_type, cell.source = "markdown", "(tests)"
            cell.pop("outputs", None), cell.pop("execution_count", None)
    elif how == "regraded":  # not a grade cell any more, or worth nothing
        tests[0].metadata.nbgrader.update(grade=False, locked=False)
        tests[1].metadata.nbgrader["points"] = 0
    elif how == "renamed":  # a grade id the gradebook does not know
        for cell in tests:
            cell.metadata.nbgrader["grade_id"] += "-mine"
            cell.source = "pass"
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    if sandbox_problem():
        pytest.skip(f"the sandbox cannot run here: {sandbox_problem()}")
    root = make_course(tmp_path_factory.mktemp("cheats"))
    submit(root, "honest", {"threads.ipynb": answer(root, "threads"), "echo.ipynb": answer(root, "echo")})
    submit(root, "empty", {"threads.ipynb": answer(root, "threads", reference=False)})
    for student, code in CHEATS.items():
        submit(root, student, {"threads.ipynb": answer(root, "threads", {"threads-run-all": code})})
    for how in ["moved", "retyped", "regraded", "renamed"]:
        submit(root, f"edit_{how}", {"threads.ipynb": edited_tests(root, how)})
    results = {r.student: r for r in grade_class(root, [ASSIGNMENT], overrides=SETTINGS)[0]}
    return root, results


def scores_of(root, student) -> dict[str, float]:
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        return {gid: gb.find_grade(gid, "threads", ASSIGNMENT, student).score for gid in TESTS}


def cell_of(root, student, grade_id):
    nb = nbformat.read(root / "autograded" / student / ASSIGNMENT / "threads.ipynb", as_version=4)
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def text(cell) -> str:
    return "".join(o.get("text", "") + o.get("evalue", "") for o in cell.get("outputs", []))


def test_an_honest_correct_submission_keeps_full_marks_next_to_cheats(graded):
    root, results = graded
    assert results["honest"].graded and results["honest"].score == 3, results["honest"].line()
    assert not results["honest"].problems
    assert TAMPERED not in text(cell_of(root, "honest", TESTS[1]))
    assert scores_of(root, "empty") == {gid: 0 for gid in TESTS}


@pytest.mark.parametrize("student", sorted(set(CHEATS) - {"barrier", "fake_barrier"}))
def test_a_cheat_scores_no_more_than_an_empty_submission(graded, student):
    root, results = graded
    assert results[student].graded, results[student].line()
    empty = scores_of(root, "empty")
    assert scores_of(root, student) == empty, f"{student} scored {scores_of(root, student)}"


@pytest.mark.parametrize("student", ["barrier", "fake_barrier"])
def test_a_patched_threading_does_not_fake_concurrency(graded, student):
    """A serial answer honestly passes the visible test; the tampered concurrency test scores 0."""
    root, _ = graded
    assert scores_of(root, student) == {"threads-run-all-test-runs": 1, "threads-run-all-test-concurrent": 0}


@pytest.mark.parametrize("how", ["moved", "retyped", "regraded", "renamed"])
def test_edited_or_moved_test_cells_do_not_pay(graded, how):
    root, results = graded
    result = results[f"edit_{how}"]
    if how in ("regraded", "renamed"):  # nbgrader refuses changed grade-cell metadata: no grade at all
        assert not result.graded and any(p.startswith("could not grade") for p in result.problems)
        return
    assert result.graded, result.line()
    assert marks(result)["threads"] == (0, 2), "every test is back, worth its points, failed"


def test_the_student_is_told_what_was_undone(graded):
    root, _ = graded
    note = text(cell_of(root, "helpers", TESTS[0]))
    assert "the grader undid changes" in note
    for patched in ["threadlab.testing.expect", "threadlab.testing.Mistake", "time.monotonic", "threading.enumerate"]:
        assert patched in note


@pytest.mark.parametrize("student", ["during_test", "pre_run_cell", "settrace"])
def test_tampering_while_the_test_runs_scores_it_zero_and_says_so(graded, student):
    root, _ = graded
    assert TAMPERED in text(cell_of(root, student, TESTS[0]))


def test_a_kernel_whose_guard_was_removed_is_not_trusted(graded):
    root, results = graded
    assert any("guard no longer answers" in p for p in results["guard_removed"].problems)
    assert all(TAMPERED in text(cell_of(root, "guard_removed", gid)) for gid in TESTS)


def test_nothing_outlives_the_cheats(graded):
    root, _ = graded
    assert leftover_processes(root) == []


def test_a_test_cell_relies_on_its_imports_and_the_builtins_it_uses():
    relied = relied_on("from threadlab.testing import expect as check\nimport threading, os.path\n"
                       "n = len([1])\ncheck(all([n]), 'm')\nlambda x: x\n")
    assert relied["imports"] == {"check": ["threadlab.testing", "expect"], "threading": ["threading", None],
                                 "os": ["os", None]}
    assert relied["builtins"] == ["all", "len"]
