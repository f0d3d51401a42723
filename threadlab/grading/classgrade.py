"""`threadlab grade`: every submission of a class, graded in long-lived worker processes.

    threadlab grade [ASSIGNMENT ...] [--student S ...] [--jobs N] [--shard I/N] [--course DIR]

Each worker imports nbgrader once and then runs nbgrader's own Autograde converter in-process on one
submission at a time (`autograde.grade`): every notebook in a fresh sandboxed kernel with its budget. Every
worker writes through nbgrader's Gradebook (SQLite serialises the short write transactions, PostgreSQL
its own way); the rows submissions share (schema, course, student) are made first, one grading run at a
time (`gradebook.py`), so shards on many machines can write one PostgreSQL gradebook at once.
One JSON line per submission goes to the grading events file (docs/grading.md, "Grading events").
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import signal
import sys
import tempfile
import uuid
from pathlib import Path

from nbgrader.api import Gradebook
from rich.console import Console

from .autograde import (UNSANDBOXED_WARNING, ClassGrading, Result, add_setting_arguments, exit_status, forget_grade,
                        grade, notebook_names, overrides_from, students_of)
from .course import course_directory, course_setting
from .execute import BoundedExecute
from .gradebook import prepare
from .pool import Lost, Pool
from .progress import progress, summary
from .sandbox import sandbox_problem

# A Kubernetes Indexed Job gives each pod JOB_COMPLETION_INDEX (0 … completions-1); it does not give the
# completions count, so the manifest sets THREADLAB_SHARDS to the same number as `completions`.
INDEX_ENV, SHARDS_ENV = "JOB_COMPLETION_INDEX", "THREADLAB_SHARDS"
INTERRUPTED = "not graded: grading was interrupted (Ctrl-C); its partial grade was removed"


def parse_shard(text: str) -> tuple[int, int]:
    """"I/N" → (I, N), with 0 <= I < N."""
    index, _, count = text.partition("/")
    try:
        i, n = int(index), int(count)
    except ValueError:
        raise ValueError(f"a shard is I/N, such as 0/4 (got {text!r})") from None
    if not 0 <= i < n:
        raise ValueError(f"shard {text}: I must be 0 … N-1")
    return i, n


def shard_from_env(env=os.environ) -> tuple[int, int] | None:
    """The shard a Kubernetes Indexed Job pod grades, or None outside one."""
    if INDEX_ENV not in env and SHARDS_ENV not in env:
        return None
    if INDEX_ENV not in env or SHARDS_ENV not in env:
        raise ValueError(f"set both {INDEX_ENV} and {SHARDS_ENV} (the Job's completions), or neither")
    return parse_shard(f"{env[INDEX_ENV]}/{env[SHARDS_ENV]}")


def shard_of(student: str, count: int) -> int:
    """Which of `count` shards grades this student: a hash of the id alone, so a student stays in
    one shard whatever the assignments, and adding a student moves no one else."""
    return int.from_bytes(hashlib.sha256(student.encode()).digest()[:8], "big") % count


def submissions(coursedir, assignments: list[str], students: list[str] | None,
                shard: tuple[int, int] | None) -> list[tuple[str, str]]:
    """(assignment, student) for each submitted student of each assignment, in this shard."""
    wanted = set(students or [])
    return [(a, s) for a in assignments for s in students_of(coursedir, a)
            if (not wanted or s in wanted) and (shard is None or shard_of(s, shard[1]) == shard[0])]


def gradebook_assignments(db_url: str) -> list[str]:
    with Gradebook(db_url) as gb:
        return sorted(a.name for a in gb.assignments)


class Events:
    """Appends one JSON line per submission; each line is written with a single O_APPEND write."""

    def __init__(self, path: Path, shard: tuple[int, int] | None) -> None:
        self.path = path
        self.run = {"run": uuid.uuid4().hex[:12], "shard": f"{shard[0]}/{shard[1]}" if shard else None}

    def write(self, result: Result) -> None:
        finished = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        line = json.dumps(result.event(**self.run, finished=finished)) + "\n"
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)


def read_events(path: Path) -> list[dict]:
    """Every line of a grading events file (later lines are later gradings of the same submission)."""
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def grade_class(root: Path, assignments: list[str] | None = None, students: list[str] | None = None,
                overrides: dict | None = None, shard: tuple[int, int] | None = None,
                console: Console | None = None) -> tuple[list[Result], list[tuple[str, str]]]:
    """Grade the class; returns every result and the submissions Ctrl-C left unstarted."""
    overrides = dict(overrides or {})
    console = console or Console()
    coursedir = course_directory(root)
    prepare(coursedir.db_url, coursedir.course_id, set())  # the schema, before anything reads it
    assignments = assignments or gradebook_assignments(coursedir.db_url)
    todo = submissions(coursedir, assignments, students, shard)
    if not todo:
        return [], []
    prepare(coursedir.db_url, coursedir.course_id, {s for _, s in todo})
    settings = {name: overrides.get(f"{cls.__name__}.{name}", course_setting(coursedir, cls, name))
                for cls, name in [(ClassGrading, "jobs"), (ClassGrading, "events_file"), (BoundedExecute, "budget")]}
    notebooks = {a: len(notebook_names(coursedir.db_url, a)) for a in assignments}
    events = Events(root / settings["events_file"], shard)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="threadlab-grading-") as staging:
        tasks = [(root, a, s, overrides, Path(staging)) for a, s in todo]
        pool = Pool(grade, min(settings["jobs"], len(tasks)))
        shown = progress(console, len(tasks))
        try:
            for (_, assignment, student, _, _), outcome in pool.run(
                    tasks, limit=lambda task: notebooks[task[1]] * (settings["budget"] + 60) + 120):
                if isinstance(outcome, Lost):
                    forget_grade(coursedir, assignment, student)
                    outcome = Result(assignment, student, graded=False, problems=[f"could not grade: {outcome.reason}"])
                results.append(outcome)
                events.write(outcome)
                shown.done(outcome)
        except KeyboardInterrupt:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
            shown.stop()
            stopped = [(task[1], task[2]) for task in pool.in_flight()]
            pool.stop()
            for assignment, student in stopped:
                forget_grade(coursedir, assignment, student)
                results.append(lost := Result(assignment, student, graded=False, problems=[INTERRUPTED]))
                events.write(lost)
            done = {(r.assignment, r.student) for r in results}
            signal.signal(signal.SIGINT, signal.default_int_handler)
            return results, [t for t in todo if t not in done]
        shown.stop()
        pool.stop()
    return results, []


def main(args) -> int:
    root = Path(args.course).resolve()
    console = Console(soft_wrap=not sys.stdout.isatty())
    try:
        shard = parse_shard(args.shard) if args.shard else shard_from_env()
    except ValueError as exc:
        print(f"threadlab grade: {exc}", file=sys.stderr)
        return 2
    if args.unsandboxed:
        sys.stderr.write(UNSANDBOXED_WARNING)
    elif problem := sandbox_problem():
        print(f"refusing to grade: the sandbox cannot run ({problem}).\n"
              "Fix that, or pass --unsandboxed to run student code with your rights.", file=sys.stderr)
        return 2
    results, unstarted = grade_class(root, args.assignment or None, args.student or None, overrides_from(args),
                                     shard, console)
    if not results:
        print(f"no submissions to grade under {root}" + (f" in shard {shard[0]}/{shard[1]}" if shard else ""),
              file=sys.stderr)
        return 2
    console.print(summary(results, sorted({r.assignment for r in results} | {a for a, _ in unstarted})))
    stopped = sorted((r.student, r.assignment) for r in results if INTERRUPTED in r.problems)
    if stopped or unstarted:
        console.print("interrupted: not graded: " + "; ".join(
            [", ".join(f"{s} {a}" for s, a in stopped) + " (in progress: partial grades removed)"] * bool(stopped) +
            [", ".join(f"{s} {a}" for a, s in sorted(unstarted, key=lambda t: t[::-1]))
             + " (not started: earlier grades, if any, kept)"] * bool(unstarted)), markup=False, highlight=False)
    if args.unsandboxed:
        sys.stderr.write(UNSANDBOXED_WARNING)
    return 2 if unstarted else exit_status(results)


def add_arguments(parser) -> None:
    parser.add_argument("assignment", nargs="*", help="assignments to grade (default: every one in the gradebook)")
    parser.add_argument("--student", action="append", help="only this student (repeatable)")
    parser.add_argument("--shard", metavar="I/N", help=f"grade only the I-th of N disjoint slices of the students "
                        f"(0-based; default: from ${INDEX_ENV} and ${SHARDS_ENV} when set)")
    parser.add_argument("--course", default=os.getcwd(), help="course directory (default: the current one)")
    parser.add_argument("--unsandboxed", action="store_true",
                        help="run student code WITHOUT the sandbox, with your rights (trusted code only)")
    add_setting_arguments(parser)
