"""Check a notebook against the hidden tests, without an instructor or a gradebook.

Self-learners use it on their copy under notebooks/; the test suite uses it to
grade many small submissions fast. Cells are restored and scored the way
nbgrader's autograde does it: test cells come from source/, and a test cell
scores 0 when it raised or wrote to stderr (`nbgrader.utils.determine_grade`).
The kernel has the grader's output hooks, but no sandbox: it runs your own code.

    python -m threadlab.check notebooks/01-basics/basics.ipynb
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbgrader.utils import determine_grade, is_grade, is_solution

ROOT = Path(__file__).resolve().parent.parent
CELL_TIMEOUT = 15  # seconds, as Execute.timeout in nbgrader_config.py


@dataclass
class CellScore:
    grade_id: str
    points: float
    max_points: float
    message: str  # the failing test's last error line, "" when it passed


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def restore_tests(submission, source):
    """The submission with every locked cell taken from source, and missing ones put back."""
    originals = {nbgrader_meta(c).get("grade_id"): c for c in source.cells if nbgrader_meta(c).get("locked")}
    merged = copy.deepcopy(submission)
    seen = set()
    for index, cell in enumerate(merged.cells):
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id in originals:
            merged.cells[index] = copy.deepcopy(originals[grade_id])
            seen.add(grade_id)
    merged.cells += [copy.deepcopy(c) for g, c in originals.items() if g not in seen]
    return merged


def execute(nb, cwd: Path, timeout: int = CELL_TIMEOUT):
    """Run every cell as nbgrader's autograde would (errors allowed, interrupts on timeout)."""
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        interrupt_on_timeout=True,
        raise_on_iopub_timeout=False,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(cwd)}},
        # The grading kernel's output rules: a background thread's traceback goes to stdout, attributed
        # to the thread, so it cannot zero whichever test cell happens to be running.
        extra_arguments=["--IPKernelApp.extensions=['threadlab.grading.hooks']"],
    )
    env = dict(os.environ, NBGRADER_EXECUTION="autograde")
    client.execute(env=env)
    return nb


def scores(nb) -> list[CellScore]:
    result = []
    for cell in nb.cells:
        if not is_grade(cell) or is_solution(cell):
            continue
        points, max_points = determine_grade(cell)
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        stderr = [o for o in cell.get("outputs", []) if o.output_type == "stream" and o.name == "stderr"]
        message = ""
        if errors:
            message = f"{errors[-1].ename}: {errors[-1].evalue}"
        elif stderr:
            message = "wrote to stderr: " + stderr[0].text.strip().splitlines()[-1][:200]
        result.append(CellScore(nbgrader_meta(cell)["grade_id"], points or 0.0, max_points, message))
    return result


def grade_notebook(submission, source, cwd: Path) -> list[CellScore]:
    """Scores of each autograded test cell of `submission` (a NotebookNode) against `source`."""
    return scores(execute(restore_tests(submission, source), cwd))


def source_for(path: Path) -> Path:
    """notebooks/<assignment>/<name>.ipynb (or release/…) → source/<assignment>/<name>.ipynb."""
    return ROOT / "source" / path.resolve().parent.name / path.name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check your notebook with the course's hidden tests.")
    parser.add_argument("notebook", type=Path)
    args = parser.parse_args(argv)
    source_path = source_for(args.notebook)
    if not source_path.exists():
        parser.error(f"no source notebook at {source_path}")
    submission = nbformat.read(args.notebook, as_version=4)
    results = grade_notebook(submission, nbformat.read(source_path, as_version=4), args.notebook.parent)
    for r in results:
        status = "ok  " if r.points == r.max_points else "FAIL"
        print(f"{status} {r.grade_id:<40} {r.points:g}/{r.max_points:g}  {r.message}")
    total, possible = sum(r.points for r in results), sum(r.max_points for r in results)
    print(f"\n{total:g} of {possible:g} points")
    return 0 if total == possible else 1


if __name__ == "__main__":
    sys.exit(main())
