"""Every notebook under source/ is checked the same way, so a new notebook is verified for free.

a. valid and clean; b. runs top to bottom; c. its release hides solutions and hidden tests;
d. the untouched release scores 0 everywhere, each stub failing at once (no cell timeout); e. the solutions score full marks
(d and e with nbgrader's own autograde).
"""

import re
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.api import Gradebook
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

from threadlab.grading.course import run_nbgrader, scratch_course
from threadlab.grading.engine import course_config, nbgrader_meta

from .conftest import ROOT, source_notebooks

NOTEBOOKS = source_notebooks()
IDS = [f"{p.parent.name}/{p.name}" for p in NOTEBOOKS]
RUN_BOUND = 60  # seconds: a hang guard; the 10 s target is measured by benchmarks/notebook_times.py
CELL_TIMEOUT = course_config(ROOT).Execute.timeout
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)

pytestmark = pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)


def read(path: Path):
    return nbformat.read(path, as_version=4)


def graded_tests(nb) -> dict[str, float]:
    return {nbgrader_meta(c)["grade_id"]: float(nbgrader_meta(c)["points"]) for c in nb.cells
            if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")}


def test_a_valid_clean_with_unique_grade_ids(path):
    nb = read(path)
    nbformat.validate(nb)
    MetadataValidatorV3().validate_nb(nb)
    assert nb.metadata.kernelspec.name == "python3"
    leftovers = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not leftovers, f"cells {leftovers} were committed with outputs: run `make clean`"
    ids = [nbgrader_meta(c)["grade_id"] for c in nb.cells if nbgrader_meta(c).get("grade_id")]
    assert len(ids) == len(set(ids)), "grade ids repeat"
    others = {nbgrader_meta(c).get("grade_id") for p in NOTEBOOKS if p != path for c in read(p).cells} - {None}
    assert not set(ids) & others, f"grade ids shared with other notebooks: {set(ids) & others}"
    solutions = [c for c in nb.cells if nbgrader_meta(c).get("solution")]
    assert len(solutions) >= 3 and all(SOLUTION.search(c.source) for c in solutions)
    points = graded_tests(nb)
    exercises = [nbgrader_meta(c)["grade_id"] for c in solutions]
    strays = [t for t in points if not any(t.startswith(f"{e}-test-") for e in exercises)]
    assert not strays, f"test ids name their exercise (<solution id>-test-<what>): {strays}"
    assert points and all(p > 0 for p in points.values())
    assert sum(points.values()) % 5 == 0, "a notebook's points add up to a round number"


def test_b_runs_top_to_bottom(path, tmp_path):
    nb = read(path)
    started = time.monotonic()
    NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", shutdown_kernel="immediate",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert time.monotonic() - started < RUN_BOUND
    for cell in nb.cells:
        if nbgrader_meta(cell).get("grade"):
            stderr = [o.text for o in cell.get("outputs", []) if o.output_type == "stream" and o.name == "stderr"]
            assert not stderr, f"{nbgrader_meta(cell)['grade_id']} wrote to stderr (nbgrader scores that 0): {stderr}"


def test_c_release_has_no_solutions_and_no_hidden_tests(path):
    source = read(path)
    for edition in ("release", "notebooks"):
        text = "\n".join(c.source for c in read(ROOT / edition / path.parent.name / path.name).cells)
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
            assert marker not in text, f"{edition} still has '{marker}'"
        for cell in source.cells:
            for block in SOLUTION.findall(cell.source) + HIDDEN.findall(cell.source):
                assert block.strip() not in text, f"{edition} leaks:\n{block}"


@pytest.fixture
def course(tmp_path, path):
    """A course directory with this notebook's assignment generated, as an instructor has it."""
    return scratch_course(tmp_path, path.parent)


def autograde(course: Path, path: Path, student: str, notebook) -> tuple[dict[str, float], object]:
    """Submit `notebook` as `student`, autograde it; return each test's score and the autograded notebook."""
    assignment = path.parent.name
    target = course / "submitted" / student / assignment / path.name
    target.parent.mkdir(parents=True)
    nbformat.write(notebook, target)
    run_nbgrader(course, "autograde", assignment, "--student", student, check=True, capture_output=True)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        scores = {gid: gb.find_grade(gid, path.stem, assignment, student).score for gid in graded_tests(notebook)}
    return scores, read(course / "autograded" / student / assignment / path.name)


def test_d_untouched_release_scores_zero_without_timeouts(path, course):
    release = read(course / "release" / path.parent.name / path.name)
    scores, graded = autograde(course, path, "untouched", release)
    assert scores and all(score == 0 for score in scores.values()), scores
    errors = {nbgrader_meta(c)["grade_id"]: [o.ename for o in c.outputs if o.output_type == "error"]
              for c in graded.cells if nbgrader_meta(c).get("grade_id") in scores}
    slow = {gid: names for gid, names in errors.items() if not names or "CellTimeoutError" in names}
    assert not slow, f"stubs must fail at once, not run into the cell timeout: {slow}"


def test_e_solutions_score_full_marks(path, course):
    solved = read(path)
    scores, _ = autograde(course, path, "solved", solved)
    assert scores == graded_tests(solved)
