"""Check a notebook against the hidden tests, without an instructor or a gradebook.

Self-learners use it on their copy under notebooks/; the test suite grades its fixtures with it.
It is the grading engine (`threadlab.grading.engine`): nbgrader's own restore and scoring, the
course's cell timeout, budget and guard from nbgrader_config.py, in the sandbox where it can start.

    python -m threadlab.check notebooks/01-basics/basics.ipynb
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .grading.engine import CellScore, grade_file

ROOT = Path(__file__).resolve().parent.parent


def source_for(path: Path, root: Path = ROOT) -> Path:
    """notebooks/<assignment>/<name>.ipynb (or release/…) → source/<assignment>/<name>.ipynb."""
    return root / "source" / path.resolve().parent.name / path.name


def report(results: list[CellScore]) -> str:
    lines = [f"{'ok  ' if r.points == r.max_points else 'FAIL'} {r.grade_id:<40} {r.points:g}/{r.max_points:g}  "
             f"{r.message}".rstrip() for r in results]
    total, possible = sum(r.points for r in results), sum(r.max_points for r in results)
    return "\n".join(lines + ["", f"{total:g} of {possible:g} points"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check your notebook with the course's hidden tests.")
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--course", type=Path, default=ROOT, help="course directory (default: this repository)")
    args = parser.parse_args(argv)
    source_path = source_for(args.notebook, args.course)
    if not source_path.exists():
        parser.error(f"no source notebook at {source_path}")
    results = grade_file(args.notebook, source_path, args.course)
    print(report(results))
    return 0 if all(r.points == r.max_points for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
