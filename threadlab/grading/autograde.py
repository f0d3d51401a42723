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

from nbgrader.preprocessors import Execute
from traitlets import Integer
from traitlets.config import Configurable

from ..build import run_nbgrader
from .engine import course_config
from .execute import AUTOGRADE_PREPROCESSORS, BoundedExecute
from .sandbox import GradingKernelManager, SandboxedKernelManager, sandbox_problem
from .submissions import stage

OK, PROBLEMS, FAILED = 0, 1, 2

UNSANDBOXED_WARNING = """\
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!! GRADING UNSANDBOXED (--unsandboxed): student code runs with YOUR rights. It can read    !!
!! source/ (the solutions), change gradebook.db, read other students' work, use the network !!
!! and leave processes behind. Only do this for code you trust.                             !!
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
"""


# The command line's options are the course's traitlets, as nbgrader's own aliases are: a value given
# here overrides nbgrader_config.py for this run; an option left out keeps the course's setting (or the
# trait's default). Help text and defaults come from the traits themselves.
OPTIONS = {
    "timeout": (Execute, "timeout"),
    "budget": (BoundedExecute, "budget"),
    "memory_mb": (GradingKernelManager, "memory_mb"),
    "max_processes": (GradingKernelManager, "max_processes"),
    "cpu_seconds": (GradingKernelManager, "cpu_seconds"),
    "file_size_mb": (GradingKernelManager, "file_size_mb"),
    "open_files": (GradingKernelManager, "open_files"),
    "tmp_mb": (SandboxedKernelManager, "tmp_mb"),
    "workdir_mb": (SandboxedKernelManager, "workdir_mb"),
    "jobs": (None, "jobs"),
}


class ClassGrading(Configurable):
    """How a whole class is graded (settable in nbgrader_config.py like the rest)."""

    jobs = Integer(min(2, os.cpu_count() or 1), help="students graded at once").tag(config=True)


def setting(name: str) -> str:
    cls, trait = OPTIONS[name]
    return f"{(cls or ClassGrading).__name__}.{trait}"


def overrides_from(args) -> dict:
    """The settings a command line gives, as "Class.trait": value; options left out are not there."""
    overrides = {setting(name): value for name in OPTIONS if (value := getattr(args, name)) is not None}
    if args.unsandboxed:
        overrides["BoundedExecute.sandbox"] = False
    return overrides


def nbgrader_args(overrides: dict, events: Path) -> list[str]:
    """nbgrader command-line settings: the grading pipeline, the event log, then each override."""
    args = [f"--Autograde.autograde_preprocessors={AUTOGRADE_PREPROCESSORS!r}",
            f"--BoundedExecute.events_file={str(events)!r}"]
    return args + [f"--{key}={value!r}" for key, value in overrides.items() if not key.startswith("ClassGrading.")]


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
    coursedir = CourseDirectory(config=course_config(root))
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
                  overrides: dict, staging: Path) -> StudentResult:
    start = time.monotonic()
    result = _grade_student(root, coursedir, assignment, student, overrides, staging)
    result.seconds = time.monotonic() - start
    return result


def _grade_student(root: Path, coursedir: CourseDirectory, assignment: str, student: str,
                   overrides: dict, staging: Path) -> StudentResult:
    names = notebook_names(coursedir.db_url, assignment)
    submitted = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
    staged = stage(submitted, staging / student / assignment, student, names)
    result = StudentResult(student, graded=False, problems=list(staged.problems))
    if not staged.notebooks:
        forget_grade(coursedir, assignment, student)
        result.problems.append("could not grade: no readable notebook in the submission")
        return result
    events = staging / f"{student}.events"
    budget = overrides.get("BoundedExecute.budget", course_setting(coursedir, BoundedExecute, "budget"))
    hard_limit = len(names) * (budget + 60) + 120  # never reached unless nbgrader itself hangs
    try:
        done = run_nbgrader(root, "autograde", assignment, "--student", student, "--force",
                            f"--CourseDirectory.submitted_directory={str(staging)!r}",
                            *nbgrader_args(overrides, events),
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


def course_setting(coursedir: CourseDirectory, cls, trait: str):
    """A setting as the course has it: nbgrader_config.py, else the trait's default."""
    return getattr(cls(config=coursedir.config), trait)


def autograde(root: Path, assignment: str, students: list[str] | None = None,
              overrides: dict | None = None) -> list[StudentResult]:
    """Grade each student; `overrides` maps "Class.trait" to a value for this run only."""
    overrides = dict(overrides or {})
    coursedir = course_directory(root)
    students = students or students_of(coursedir, assignment)
    jobs = overrides.get("ClassGrading.jobs", course_setting(coursedir, ClassGrading, "jobs"))
    with tempfile.TemporaryDirectory(prefix="threadlab-grading-") as staging:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = [pool.submit(grade_student, root, coursedir, assignment, s, overrides, Path(staging))
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
    results = autograde(root, args.assignment, args.student or None, overrides_from(args))
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
    for name, (cls, trait) in OPTIONS.items():
        spec = (cls or ClassGrading).class_traits()[trait]
        parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=None, metavar="N",
                            help=f"{spec.help} ({setting(name)}; default: the course's nbgrader_config.py, "
                                 f"else {spec.default_value})")
