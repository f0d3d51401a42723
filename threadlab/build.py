"""Build release/ (nbgrader's student version) and notebooks/ (the self-learner edition) from source/.

    python -m threadlab.build [--root DIR]

release/ comes from `nbgrader generate_assignment`; notebooks/ is release/ plus
a first cell that tells a self-learner how to check their work.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import nbformat

from .grading.course import assignments, generate

ROOT = Path(__file__).resolve().parent.parent

SELF_LEARNER_NOTE = """\
> **Self-learner edition.** Work top to bottom; each exercise has a visible test you can run.
> When you are done, check your work with the hidden tests from a terminal in the course folder:
> `make check NB={path}` (or `python -m threadlab.check {path}`).
> Save the notebook first: the check reads the file."""


def self_learner_edition(release_nb: Path, relative: str):
    nb = nbformat.read(release_nb, as_version=4)
    note = nbformat.v4.new_markdown_cell(SELF_LEARNER_NOTE.format(path=relative))
    note.id = "self-learner-note"
    nb.cells.insert(0, note)
    return nb


def build(root: Path = ROOT, only: list[str] | None = None) -> None:
    for assignment in only or assignments(root):
        generate(root, assignment)
        for release_nb in sorted((root / "release" / assignment).glob("*.ipynb")):
            relative = f"notebooks/{assignment}/{release_nb.name}"
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(self_learner_edition(release_nb, relative), target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="course directory (default: this repository)")
    parser.add_argument("assignments", nargs="*", help="only these assignments (default: all under source/)")
    args = parser.parse_args()
    build(args.root, args.assignments)


if __name__ == "__main__":
    main()
