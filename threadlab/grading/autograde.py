"""Autograde one student's submission of one assignment, in this process, with nbgrader's converter.

For a submission: check and stage it (`submissions.py`), run nbgrader's own `Autograde` converter on the
staged copy with `BoundedExecute` (sandboxed kernel, per-cell timeout, per-notebook budget), and read the
scores back from the gradebook. The converter writes autograded/ and the gradebook exactly as
`nbgrader autograde --student S` does. A submission that cannot be graded loses its old grade (no stale
grades) and gets a one-line reason.

`threadlab grade` (`classgrade.py`) runs this in long-lived worker processes; this module also holds the
grading settings the command line maps onto (OPTIONS).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.converters import Autograde
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute
from sqlalchemy.exc import SAWarning
from traitlets import Integer, Unicode
from traitlets.config import Config, Configurable

from .course import course_directory
from .execute import AUTOGRADE_PREPROCESSORS, BoundedExecute
from .sandbox import GradingKernelManager, SandboxedKernelManager
from .submissions import stage

UNSANDBOXED_WARNING = """\
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!! GRADING UNSANDBOXED (--unsandboxed): student code runs with YOUR rights. It can read    !!
!! source/ (the solutions), change gradebook.db, read other students' work, use the network !!
!! and leave processes behind. Only do this for code you trust.                             !!
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
"""


class ClassGrading(Configurable):
    """How a whole class is graded (settable in nbgrader_config.py like the rest)."""

    jobs = Integer(os.cpu_count() or 1, help="submissions graded at once (worker processes)").tag(config=True)
    events_file = Unicode("grading-events.jsonl",
                          help="JSON lines, one per graded submission (relative to the course)").tag(config=True)


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
    "jobs": (ClassGrading, "jobs"),
}


def setting(name: str) -> str:
    cls, trait = OPTIONS[name]
    return f"{cls.__name__}.{trait}"


def overrides_from(args) -> dict:
    """The settings a command line gives, as "Class.trait": value; options left out are not there."""
    overrides = {setting(name): value for name in OPTIONS if (value := getattr(args, name, None)) is not None}
    if getattr(args, "unsandboxed", False):
        overrides["BoundedExecute.sandbox"] = False
    return overrides


def add_setting_arguments(parser) -> None:
    """One option per OPTIONS entry, its help and default taken from the trait."""
    for name, (cls, trait) in OPTIONS.items():
        spec = cls.class_traits()[trait]
        parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=None, metavar="N",
                            help=f"{spec.help} ({setting(name)}; default: the course's nbgrader_config.py, "
                                 f"else {spec.default_value})")


def grading_config(root: Path, overrides: dict) -> Config:
    """The course's nbgrader_config.py, then this run's overrides, then the grading pipeline."""
    config = Config(course_directory(root).config)
    for key, value in overrides.items():
        cls, trait = key.split(".")
        config[cls][trait] = value
    config.Autograde.autograde_preprocessors = [TimedExecute, *AUTOGRADE_PREPROCESSORS[1:]]
    config.BaseConverter.force = True
    return config


class TimedExecute(BoundedExecute):
    """BoundedExecute that notes how long each notebook's kernel ran (start, cells, shutdown)."""

    def preprocess(self, nb, resources=None, km=None):
        start = time.monotonic()
        try:
            return super().preprocess(nb, resources, km)
        finally:
            EXECUTED[self.resources.get("nbgrader", {}).get("notebook", "?")] = time.monotonic() - start


EXECUTED: dict[str, float] = {}  # notebook name → seconds, for the submission being graded in this process


@dataclass
class NotebookResult:
    score: float
    max_score: float
    execute_seconds: float | None  # None: not run (missing or unreadable)
    bounds: list[str] = field(default_factory=list)  # why BoundedExecute stopped or zeroed cells


@dataclass
class Result:
    """One submission (a student's work on one assignment)."""

    assignment: str
    student: str
    graded: bool
    score: float = 0.0
    max_score: float = 0.0
    notebooks: dict[str, NotebookResult] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        head = (f"{self.student} {self.assignment}: {self.score:g}/{self.max_score:g}" if self.graded
                else f"{self.student} {self.assignment}: NOT GRADED")
        return head + "".join(f"\n    - {p}" for p in self.problems)

    def event(self, **extra) -> dict:
        """The JSON line for the grading events file (docs/grading.md, "Grading events")."""
        return {**extra, **asdict(self)}


def notebook_names(db_url: str, assignment: str) -> list[str]:
    with Gradebook(db_url) as gb:
        return sorted(nb.name for nb in gb.find_assignment(assignment).notebooks)


def forget_grade(coursedir: CourseDirectory, assignment: str, student: str) -> None:
    """No stale or partial grade: a submission that could not be graded now has no grade at all."""
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


class Errors(logging.Handler):
    """The converter's error lines, for a one-line reason."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record) -> None:
        self.lines.append(record.getMessage())

    def reason(self) -> str:
        useful = [l for line in self.lines for l in line.strip().splitlines() if "Error" in l or "error" in l]
        return ((useful or self.lines or ["no reason given"])[-1]).strip()[:300]


def grade(root: Path, assignment: str, student: str, overrides: dict, staging: Path) -> Result:
    """Grade one submission; `overrides` maps "Class.trait" to a value for this run only."""
    start = time.monotonic()
    warnings.filterwarnings("ignore", category=SAWarning)  # nbgrader's own autoflush notices
    result = _grade(root, assignment, student, grading_config(root, overrides), staging)
    result.seconds = round(time.monotonic() - start, 3)
    return result


def _grade(root: Path, assignment: str, student: str, config: Config, staging: Path) -> Result:
    coursedir = CourseDirectory(config=config)
    coursedir.root = str(root)
    names = notebook_names(coursedir.db_url, assignment)
    submitted = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
    staged_dir = staging / student / assignment
    shutil.rmtree(staged_dir, ignore_errors=True)
    staged = stage(submitted, staged_dir, student, names)
    result = Result(assignment, student, graded=False, problems=list(staged.problems))
    if not staged.notebooks:
        forget_grade(coursedir, assignment, student)
        result.problems.append("could not grade: no readable notebook in the submission")
        return result
    events = staging / f"{student}.{assignment}.events"
    events.unlink(missing_ok=True)
    config.BoundedExecute.events_file = str(events)
    coursedir.submitted_directory = str(staging)
    coursedir.assignment_id, coursedir.student_id = assignment, student
    log = logging.getLogger(f"threadlab.grading.autograde.{os.getpid()}")
    log.propagate, log.handlers = False, [errors := Errors()]
    EXECUTED.clear()
    try:
        Autograde(coursedir=coursedir, config=config, log=log).start()
    except Exception as exc:  # NbGraderException after nbgrader logged why, or anything else
        forget_grade(coursedir, assignment, student)
        result.problems.append(f"could not grade: {errors.reason() if errors.lines else exc}")
        return result
    bounds: dict[str, list[str]] = {}
    if events.exists():
        for line in events.read_text().splitlines():
            event = json.loads(line)
            bounds.setdefault(event["notebook"], []).append(event["reason"])
            result.problems.append(f"{event['notebook']}.ipynb: {event['reason']}")
    result.graded = True
    for name, (score, max_score) in scores(coursedir.db_url, assignment, student).items():
        seconds = EXECUTED.get(name)
        result.notebooks[name] = NotebookResult(score, max_score, None if seconds is None else round(seconds, 3),
                                                bounds.get(name, []))
    result.score = sum(nb.score for nb in result.notebooks.values())
    result.max_score = sum(nb.max_score for nb in result.notebooks.values())
    return result


def students_of(coursedir: CourseDirectory, assignment: str) -> list[str]:
    base = Path(coursedir.root) / coursedir.submitted_directory
    return sorted(p.name for p in base.iterdir() if (p / assignment).is_dir()) if base.is_dir() else []


def exit_status(results: list[Result]) -> int:
    """0 all graded cleanly, 1 all graded but with problems, 2 someone could not be graded."""
    if any(not r.graded for r in results):
        return 2
    return 1 if any(r.problems for r in results) else 0

