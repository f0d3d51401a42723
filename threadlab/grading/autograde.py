"""Autograde an assignment with nbgrader, one sandboxed process per student, in parallel.

    python -m threadlab.grading autograde <assignment> [--student S ...] [--unsandboxed]

For each student: check and stage the submission (`submissions.py`), run `nbgrader autograde`
with `BoundedExecute` (sandboxed kernel, per-cell timeout, per-notebook budget), and read the
scores back from the gradebook. A student who cannot be graded loses their old grade (no
stale grades) and gets a one-line reason; everyone else is graded.

Exit status: 0 all graded cleanly, 1 all graded but with problems, 2 someone could not be graded.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory
from traitlets.config.loader import PyFileConfigLoader

from ..build import run_nbgrader
from .execute import AUTOGRADE_PREPROCESSORS
from .sandbox import sandbox_problem
from .submissions import stage

OK, PROBLEMS, FAILED = 0, 1, 2

UNSANDBOXED_WARNING = """\
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!! GRADING UNSANDBOXED (--unsandboxed): student code runs with YOUR rights. It can read    !!
!! source/ (the solutions), change gradebook.db, read other students' work, use the network !!
!! and leave processes behind. Only do this for code you trust.                             !!
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
"""


@dataclass
class Settings:
    sandbox: bool = True
    cell_timeout: int | None = None  # None: nbgrader_config.py's Execute.timeout
    budget: int = 180  # seconds per notebook
    memory_mb: int = 2048
    max_processes: int = 256
    cpu_seconds: int = 300
    file_size_mb: int = 64
    jobs: int = 2

    def nbgrader_args(self, events: Path) -> list[str]:
        args = [f"--Autograde.autograde_preprocessors={AUTOGRADE_PREPROCESSORS!r}",
                f"--BoundedExecute.sandbox={self.sandbox}", f"--BoundedExecute.budget={self.budget}",
                f"--BoundedExecute.events_file={str(events)!r}",
                f"--GradingKernelManager.memory_mb={self.memory_mb}",
                f"--GradingKernelManager.max_processes={self.max_processes}",
                f"--GradingKernelManager.cpu_seconds={self.cpu_seconds}",
                f"--GradingKernelManager.file_size_mb={self.file_size_mb}"]
        if self.cell_timeout:
            args.append(f"--Execute.timeout={self.cell_timeout}")
        return args


@dataclass
class StudentResult:
    student: str
    graded: bool
    score: float = 0.0
    max_score: float = 0.0
    notebooks: dict[str, tuple[float, float]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        head = (f"{self.student}: {self.score:g}/{self.max_score:g}" if self.graded
                else f"{self.student}: NOT GRADED")
        return head + "".join(f"\n    - {p}" for p in self.problems)


def course_directory(root: Path) -> CourseDirectory:
    """The course's nbgrader settings (db_url, directory names), read from its nbgrader_config.py."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config() \
        if (root / "nbgrader_config.py").exists() else None
    coursedir = CourseDirectory(config=config) if config else CourseDirectory()
    coursedir.root = str(root)
    return coursedir


def notebook_names(db_url: str, assignment: str) -> list[str]:
    with Gradebook(db_url) as gb:
        return sorted(nb.name for nb in gb.find_assignment(assignment).notebooks)


def forget_grade(coursedir: CourseDirectory, assignment: str, student: str) -> None:
    """No stale grade: a submission that could not be graded now has no grade at all."""
    with Gradebook(coursedir.db_url) as gb:
        try:
            gb.remove_submission(assignment, student)
        except MissingEntry:
            pass
    shutil.rmtree(coursedir.format_path(coursedir.autograded_directory, student, assignment), ignore_errors=True)


def scores(db_url: str, assignment: str, student: str) -> dict[str, tuple[float, float]]:
    with Gradebook(db_url) as gb:
        submission = gb.find_submission(assignment, student)
        return {nb.name: (nb.score, nb.max_score) for nb in submission.notebooks}


def nbgrader_error(output: str) -> str:
    lines = [l for l in output.splitlines() if "[ERROR]" in l or "Error" in l]
    return (lines[-1] if lines else (output.strip().splitlines() or ["no output"])[-1])[:300]


def grade_student(root: Path, coursedir: CourseDirectory, assignment: str, student: str,
                  settings: Settings, staging: Path) -> StudentResult:
    start = time.monotonic()
    result = _grade_student(root, coursedir, assignment, student, settings, staging)
    result.seconds = time.monotonic() - start
    return result


def _grade_student(root: Path, coursedir: CourseDirectory, assignment: str, student: str,
                   settings: Settings, staging: Path) -> StudentResult:
    names = notebook_names(coursedir.db_url, assignment)
    submitted = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
    staged = stage(submitted, staging / student / assignment, student, names)
    result = StudentResult(student, graded=False, problems=list(staged.problems))
    if not staged.notebooks:
        forget_grade(coursedir, assignment, student)
        result.problems.append("could not grade: no readable notebook in the submission")
        return result
    events = staging / f"{student}.events"
    hard_limit = len(names) * (settings.budget + 60) + 120  # never reached unless nbgrader itself hangs
    try:
        done = run_nbgrader(root, "autograde", assignment, "--student", student, "--force",
                            f"--CourseDirectory.submitted_directory={str(staging)!r}",
                            *settings.nbgrader_args(events),
                            capture_output=True, text=True, timeout=hard_limit)
    except Exception as exc:  # subprocess.TimeoutExpired: the child is killed, its kernel dies with it
        forget_grade(coursedir, assignment, student)
        result.problems.append(f"could not grade: {exc}")
        return result
    if done.returncode != 0:
        forget_grade(coursedir, assignment, student)
        result.problems.append(f"could not grade: {nbgrader_error(done.stdout + done.stderr)}")
        return result
    if events.exists():
        for line in events.read_text().splitlines():
            event = json.loads(line)
            result.problems.append(f"{event['notebook']}.ipynb: {event['reason']}")
    result.graded = True
    result.notebooks = scores(coursedir.db_url, assignment, student)
    result.score = sum(s for s, _ in result.notebooks.values())
    result.max_score = sum(m for _, m in result.notebooks.values())
    return result


def students_of(coursedir: CourseDirectory, assignment: str) -> list[str]:
    base = Path(coursedir.root) / coursedir.submitted_directory
    return sorted(p.name for p in base.iterdir() if (p / assignment).exists()) if base.is_dir() else []


def autograde(root: Path, assignment: str, students: list[str] | None = None,
              settings: Settings | None = None) -> list[StudentResult]:
    settings = settings or Settings()
    coursedir = course_directory(root)
    students = students or students_of(coursedir, assignment)
    with tempfile.TemporaryDirectory(prefix="threadlab-grading-") as staging:
        with ThreadPoolExecutor(max_workers=max(1, settings.jobs)) as pool:
            futures = [pool.submit(grade_student, root, coursedir, assignment, s, settings, Path(staging))
                       for s in students]
            return [f.result() for f in futures]


def exit_status(results: list[StudentResult]) -> int:
    if any(not r.graded for r in results):
        return FAILED
    return PROBLEMS if any(r.problems for r in results) else OK


def main(args) -> int:
    root = Path(args.course).resolve()
    if args.unsandboxed:
        sys.stderr.write(UNSANDBOXED_WARNING)
    else:
        problem = sandbox_problem()
        if problem:
            print(f"refusing to grade: the sandbox cannot run ({problem}).\n"
                  "Fix that, or pass --unsandboxed to run student code with your rights.", file=sys.stderr)
            return FAILED
    settings = Settings(sandbox=not args.unsandboxed, cell_timeout=args.timeout, budget=args.budget,
                        memory_mb=args.memory_mb, max_processes=args.max_processes, jobs=args.jobs)
    results = autograde(root, args.assignment, args.student or None, settings)
    if not results:
        print(f"no submissions for {args.assignment} under {root}", file=sys.stderr)
        return FAILED
    for r in results:
        print(r.line())
    if args.unsandboxed:
        sys.stderr.write(UNSANDBOXED_WARNING)
    return exit_status(results)


def add_arguments(parser) -> None:
    parser.add_argument("assignment")
    parser.add_argument("--student", action="append", help="only this student (repeatable)")
    parser.add_argument("--course", default=os.getcwd(), help="course directory (default: the current one)")
    parser.add_argument("--unsandboxed", action="store_true",
                        help="run student code WITHOUT the sandbox, with your rights (trusted code only)")
    parser.add_argument("--timeout", type=int, default=None, help="seconds per cell (default: nbgrader_config.py)")
    parser.add_argument("--budget", type=int, default=180, help="seconds per notebook (default: 180)")
    parser.add_argument("--memory-mb", type=int, default=2048, help="address space per kernel (default: 2048)")
    parser.add_argument("--max-processes", type=int, default=256, help="threads+processes per kernel (default: 256)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="students graded at once")
