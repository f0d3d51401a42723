"""Grade one answer to one exercise: the release notebook with the reference answers everywhere
else, graded by the engine. The test suite's fixtures and the mutation tool are built on this.

    python -m threadlab.grading.answers tests/submissions/01-basics/*.py   # per-test scores of each file

An answer file holds the code of one solution cell and says which one (`# replaces: <grade id>`).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

from .engine import CellScore, course_config, grade, nbgrader_meta

ROOT = Path(__file__).resolve().parents[2]


def solutions(path: Path) -> dict[str, str]:
    nb = nbformat.read(path, as_version=4)
    return {nbgrader_meta(c)["grade_id"]: c.source for c in nb.cells if nbgrader_meta(c).get("solution")}


def source_of(assignment: str, grade_id: str, root: Path = ROOT) -> Path:
    """The source notebook of the assignment that holds solution cell `grade_id`."""
    for path in sorted((root / "source" / assignment).glob("*.ipynb")):
        if grade_id in solutions(path):
            return path
    raise KeyError(f"no solution cell {grade_id!r} in {assignment}")


def reference_answers(assignment: str, root: Path = ROOT) -> dict[str, str]:
    """grade id → the reference code of each solution cell, over the assignment's notebooks."""
    return {g: code for path in sorted((root / "source" / assignment).glob("*.ipynb"))
            for g, code in solutions(path).items()}


def with_answer(assignment: str, grade_id: str, code: str, root: Path = ROOT):
    """The release notebook with reference answers everywhere but `grade_id`, which gets `code`.

    The lesson's code cells are left out (the imports cell stays): tests must not rely on them,
    and an answer then costs about 3 s to grade instead of 7."""
    source = source_of(assignment, grade_id, root)
    answers = solutions(source)
    nb = nbformat.read(root / "release" / assignment / source.name, as_version=4)
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    nb.cells = [c for c in nb.cells if c.cell_type != "code" or c is first_code or nbgrader_meta(c)]
    for cell in nb.cells:
        cell_id = nbgrader_meta(cell).get("grade_id")
        if cell_id in answers:
            cell.source = code if cell_id == grade_id else answers[cell_id]
    return nb


def grade_answer(assignment: str, grade_id: str, code: str, root: Path = ROOT) -> list[CellScore]:
    """Scores of the tests of exercise `grade_id` with `code` as its answer (the other exercises' tests
    are left out: their answers are the reference ones, and their deliberate waits cost seconds)."""
    return grade(with_answer(assignment, grade_id, code, root), source_of(assignment, grade_id, root),
                 course_config(root), exercise=grade_id)[0]


def replaced_cell(text: str) -> str:
    found = re.search(r"^# replaces: (\S+)$", text, re.M)
    if not found:
        raise ValueError("an answer file starts with '# replaces: <grade id>'")
    return found.group(1)


def main(paths: list[str]) -> int:
    for name in paths:
        path = Path(name)
        text = path.read_text()
        results = grade_answer(path.parent.name, replaced_cell(text), text)
        lost = [r for r in results if r.points < r.max_points]
        print(f"{path.parent.name}/{path.name}: {sum(r.points for r in results):g}/"
              f"{sum(r.max_points for r in results):g}")
        for r in lost:
            print(f"    {r.grade_id}: {r.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
