"""How long the sandboxed autograder takes for a class (one assignment, N students).

    python benchmarks/class_grading.py [--assignment 01-basics] [--students 6] [--jobs 2]

Builds a throwaway copy of the course, submits the reference solutions as N
students, and runs `python -m threadlab.grading autograde` (as an instructor
would, sandboxed; needs root and bubblewrap). Prints the wall time per class and
per student.
"""

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from threadlab.build import run_nbgrader
from threadlab.grading.autograde import autograde

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="01-basics")
    parser.add_argument("--students", type=int, default=6)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="threadlab-class-") as tmp:
        course = Path(tmp)
        shutil.copy(ROOT / "nbgrader_config.py", course)
        shutil.copytree(ROOT / "source" / args.assignment, course / "source" / args.assignment)
        run_nbgrader(course, "generate_assignment", args.assignment, "--force", check=True, capture_output=True)
        for n in range(args.students):
            shutil.copytree(ROOT / "source" / args.assignment, course / "submitted" / f"student{n:02d}" / args.assignment)
        start = time.perf_counter()
        results = autograde(course, args.assignment, overrides={"ClassGrading.jobs": args.jobs})
        seconds = time.perf_counter() - start
    full = sum(r.graded and r.score == r.max_score for r in results)
    print(f"{args.assignment}: {args.students} students, {args.jobs} at a time: {seconds:.1f} s in all, "
          f"{seconds / args.students:.1f} s per student; {full} of {args.students} scored full marks")


if __name__ == "__main__":
    main()
