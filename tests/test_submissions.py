"""Wrong submissions lose points on the right tests; different correct ones keep full marks.

Each file in tests/submissions/<assignment>/ replaces one solution cell (see docs/authoring.md).
They are graded by the grading engine, nbgrader's autograde pipeline with the course's settings.
"""

import re
from pathlib import Path

import nbformat
import pytest

from threadlab.grading.engine import course_config, grade, nbgrader_meta

from .conftest import ROOT

FIXTURES = sorted((ROOT / "tests" / "submissions").glob("*/*.py"))
CONFIG = course_config(ROOT)


def parse(path: Path) -> tuple[str, list[str] | None, str]:
    """(solution grade id, tests expected to lose points or None for full marks, code)."""
    text = path.read_text()
    replaces = re.search(r"^# replaces: (\S+)$", text, re.M)
    expect = re.search(r"^# expect: (full|lose( \S+)+)$", text, re.M)
    assert replaces and expect, f"{path.name}: needs '# replaces: <grade id>' and '# expect: full|lose <ids>'"
    losers = None if expect.group(1) == "full" else expect.group(1).split()[1:]
    return replaces.group(1), losers, text


def submission(assignment: str, notebook: str, grade_id: str, code: str):
    """The release notebook with reference answers everywhere but `grade_id`, which gets `code`."""
    source = ROOT / "source" / assignment / notebook
    answers = {nbgrader_meta(c).get("grade_id"): c.source for c in nbformat.read(source, as_version=4).cells
               if nbgrader_meta(c).get("solution")}
    assert grade_id in answers, f"no solution cell {grade_id!r} in {assignment}/{notebook}"
    nb = nbformat.read(ROOT / "release" / assignment / notebook, as_version=4)
    for cell in nb.cells:
        cell_id = nbgrader_meta(cell).get("grade_id")
        if cell_id in answers:
            cell.source = code if cell_id == grade_id else answers[cell_id]
    return source, nb


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_submission_scores_as_expected(path: Path):
    assignment = path.parent.name
    (notebook,) = [p.name for p in (ROOT / "source" / assignment).glob("*.ipynb")]
    grade_id, losers, code = parse(path)
    source, nb = submission(assignment, notebook, grade_id, code)
    results = {r.grade_id: r for r in grade(nb, source, CONFIG)[0]}

    if losers is None:
        failed = {g: r.message for g, r in results.items() if r.points < r.max_points}
        assert not failed, f"a correct submission lost points: {failed}"
        return
    unknown = set(losers) - results.keys()
    assert not unknown, f"no such test cells: {unknown}"
    for test_id in losers:
        result = results[test_id]
        assert result.points < result.max_points, f"{test_id} did not catch this mistake"
        assert re.match(r"\w+: \S", result.message), f"{test_id} failed without a message: {result.message!r}"
    exercise = grade_id + "-test"
    others = {g: r.message for g, r in results.items() if not g.startswith(exercise) and r.points < r.max_points}
    assert not others, f"a mistake in {grade_id} cost points on other exercises: {others}"
