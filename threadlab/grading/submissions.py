"""Check a student's submission before nbgrader sees it, and stage only what can be graded.

nbgrader fails a whole submission on one unreadable notebook, copies any extra file into the
working copy (a symlink to source/ would hand the solutions to the kernel) and keeps the old
grade when it fails. Here each problem becomes one line for that student; a notebook that
cannot be read is left out of the staged copy, so nbgrader scores it 0 and grades the rest.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

EXPECTED_KERNEL = "python3"


@dataclass
class Staged:
    student: str
    notebooks: list[str] = field(default_factory=list)  # notebook names (no .ipynb) staged for grading
    problems: list[str] = field(default_factory=list)  # one line each, for the student's report


KINDS = {stat.S_IFLNK: "a symbolic link", stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket",
         stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}


def not_regular(path: Path) -> str | None:
    """What `path` is when it is neither a regular file nor a directory ("a symbolic link", ...), or None.
    Never follows a link: the grader runs as root and the student made the file."""
    return KINDS.get(stat.S_IFMT(os.lstat(path).st_mode))


def read_regular(path: Path) -> bytes:
    """The bytes of `path`, opened without following a link or blocking on a FIFO; OSError unless it
    is a regular file."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path.name} is not a regular file")
        return file.read()


def unsafe_entries(folder: Path) -> list[tuple[str, str]]:
    """(relative path, kind) of every link, FIFO, socket or device under `folder`, which is not followed."""
    found = []
    for top, dirs, files in os.walk(folder):
        for name in dirs + files:
            if kind := not_regular(Path(top, name)):
                found.append((os.path.relpath(os.path.join(top, name), folder), kind))
    return found


def read_problem(path: Path, data: bytes | None = None) -> str | None:
    """Why this file cannot be graded as a notebook, or None."""
    try:
        raw = json.loads(read_regular(path) if data is None else data)
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
    if not submitted.is_dir() or any(not_regular(p) for p in (submitted.parent, submitted)):
        result.problems.append("no submission folder")
        return result
    expected = {f"{name}.ipynb" for name in notebooks}
    extra = []
    for path in sorted(submitted.iterdir()):
        if kind := not_regular(path):  # never read, never copied: it could point at the solutions or hang
            scores = "; it scores 0" if path.name in expected else ""
            result.problems.append(f"{path.name} is {kind}, not a file: refused{scores}")
        elif path.name == "timestamp.txt" and path.is_file():
            (staging / path.name).write_bytes(read_regular(path))
        elif path.name in expected:
            if not path.is_file():
                result.problems.append(f"{path.name} is not a regular file; it scores 0")
                continue
            data = read_regular(path)
            problem = read_problem(path, data)
            if problem:
                result.problems.append(problem)
                continue
            kernel = json.loads(data).get("metadata", {}).get("kernelspec", {}).get("name")
            if kernel and kernel != EXPECTED_KERNEL:
                result.problems.append(f"{path.name} asks for kernel {kernel!r}; graded with Python 3")
            (staging / path.name).write_bytes(data)
            result.notebooks.append(path.stem)
        elif path.name not in {".ipynb_checkpoints", "__pycache__"}:
            extra.append(path.name)
    if extra:
        result.problems.append(f"extra files ignored: {', '.join(extra[:5])}{' …' if len(extra) > 5 else ''}")
    missing = sorted(expected - {f"{n}.ipynb" for n in result.notebooks} - {p.split(" ")[0] for p in result.problems})
    for name in missing:
        result.problems.append(f"{name} is missing; it scores 0")
    return result
