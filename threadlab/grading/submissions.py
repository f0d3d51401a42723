"""Check a student's submission before nbgrader sees it, and stage only what can be graded.

nbgrader fails a whole submission on one unreadable notebook, copies any extra file into the
working copy (a symlink to source/ would hand the solutions to the kernel) and keeps the old
grade when it fails. Here each problem becomes one line for that student; a notebook that
cannot be read is left out of the staged copy, so nbgrader scores it 0 and grades the rest.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

EXPECTED_KERNEL = "python3"


@dataclass
class Staged:
    student: str
    notebooks: list[str] = field(default_factory=list)  # notebook names (no .ipynb) staged for grading
    problems: list[str] = field(default_factory=list)  # one line each, for the student's report


def read_problem(path: Path) -> str | None:
    """Why this file cannot be graded as a notebook, or None."""
    try:
        raw = json.loads(path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return f"{path.name} is not valid JSON ({exc}); it scores 0"
    try:
        nb = nbformat.from_dict(raw)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat's ValidationError, or a dict of the wrong shape
        return f"{path.name} is not a valid notebook ({str(exc).splitlines()[0][:120]}); it scores 0"
    return None


def stage(submitted: Path, staging: Path, student: str, notebooks: list[str]) -> Staged:
    """Copy the gradable part of `submitted` (one student's assignment folder) into `staging`."""
    result = Staged(student)
    staging.mkdir(parents=True, exist_ok=True)
    if not submitted.is_dir():
        result.problems.append("no submission folder")
        return result
    expected = {f"{name}.ipynb" for name in notebooks}
    extra = []
    for path in sorted(submitted.iterdir()):
        if path.name == "timestamp.txt" and path.is_file() and not path.is_symlink():
            shutil.copyfile(path, staging / path.name)
        elif path.name in expected:
            if path.is_symlink() or not path.is_file():
                result.problems.append(f"{path.name} is not a regular file; it scores 0")
                continue
            problem = read_problem(path)
            if problem:
                result.problems.append(problem)
                continue
            kernel = json.loads(path.read_bytes()).get("metadata", {}).get("kernelspec", {}).get("name")
            if kernel and kernel != EXPECTED_KERNEL:
                result.problems.append(f"{path.name} asks for kernel {kernel!r}; graded with Python 3")
            shutil.copyfile(path, staging / path.name)
            result.notebooks.append(path.stem)
        elif path.name not in {".ipynb_checkpoints", "__pycache__"}:
            extra.append(path.name)
    if extra:
        result.problems.append(f"extra files ignored: {', '.join(extra[:5])}{' …' if len(extra) > 5 else ''}")
    missing = sorted(expected - {f"{n}.ipynb" for n in result.notebooks} - {p.split(" ")[0] for p in result.problems})
    for name in missing:
        result.problems.append(f"{name} is missing; it scores 0")
    return result
