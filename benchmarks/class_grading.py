"""`threadlab grade --jobs N` against serial `nbgrader autograde A` per assignment, on one class.

    python benchmarks/class_grading.py [--students 40] [--jobs 2] [--assignments 01-basics ...]

The class (git-ignored, under benchmarks/class/) is the course's solutions submitted as each student.
Prints both wall times and their ratio (target >= 1.8x on 2 cores, sandbox on), and threadlab's total
against the notebooks' own execution time / jobs (target within 1.3x), with the core count.
Needs root and bubblewrap. The machine may be shared: numbers are noisy.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from threadlab.grading.classgrade import read_events
from threadlab.grading.course import REPO, assignments, run_nbgrader, scratch_course

CLASS = REPO / "benchmarks" / "class"


def make_class(root: Path, students: int, only: list[str]) -> Path:
    """A course at `root` whose `students` students each submitted the solutions of every assignment."""
    shutil.rmtree(root, ignore_errors=True)
    scratch_course(root, *(REPO / "source" / a for a in only))
    for n in range(students):
        for a in only:
            shutil.copytree(REPO / "source" / a, root / "submitted" / f"student{n:03d}" / a)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--assignments", nargs="*", default=assignments(REPO))
    args = parser.parse_args()
    ours, plain = make_class(CLASS / "threadlab", args.students, args.assignments), CLASS / "nbgrader"
    shutil.rmtree(plain, ignore_errors=True)
    shutil.copytree(ours, plain)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "threadlab", "grade", "--jobs", str(args.jobs)], cwd=ours,
                   stdout=subprocess.DEVNULL)
    threadlab = time.perf_counter() - start
    start = time.perf_counter()
    for a in args.assignments:
        run_nbgrader(plain, "autograde", a, "--force", capture_output=True)
    nbgrader = time.perf_counter() - start
    executed = sum(nb["execute_seconds"] or 0 for e in read_events(ours / "grading-events.jsonl")
                   for nb in e["notebooks"].values())
    print(f"{args.students} students x {len(args.assignments)} assignments, {os.cpu_count()} cores, "
          f"--jobs {args.jobs}: threadlab grade {threadlab:.0f} s, serial nbgrader autograde {nbgrader:.0f} s "
          f"-> {nbgrader / threadlab:.2f}x faster (target >= 1.8x)")
    print(f"execution limit (notebooks' own execution {executed:.0f} s / {args.jobs} jobs) {executed / args.jobs:.0f} s"
          f" -> total is {threadlab / (executed / args.jobs):.2f}x the limit (target <= 1.3x)")


if __name__ == "__main__":
    main()
