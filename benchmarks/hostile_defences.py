"""Cost of the file-safety defences per notebook: this checkout against another (e.g. main), side by side.

    python benchmarks/hostile_defences.py --before /work/main [--assignment 01-basics] [--students 2]

Runs benchmarks/class_grading.py with each checkout's own .venv (one student at a time, so the
per-student time is the grader's cost for the assignment's notebook) and prints both lines and the
difference per notebook.
"""

import argparse
import re
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def per_student(checkout: Path, assignment: str, students: int) -> float:
    done = subprocess.run([str(checkout / ".venv" / "bin" / "python"), str(checkout / "benchmarks" / "class_grading.py"),
                           "--assignment", assignment, "--students", str(students), "--jobs", "1"],
                          cwd=checkout, capture_output=True, text=True, check=True)
    print(f"  {checkout}: {done.stdout.strip()}")
    return float(re.search(r"([\d.]+) s per student", done.stdout).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout without the defences")
    parser.add_argument("--assignment", default="01-basics")
    parser.add_argument("--students", type=int, default=2)
    args = parser.parse_args()
    before = per_student(args.before, args.assignment, args.students)
    after = per_student(HERE, args.assignment, args.students)
    print(f"{args.assignment}: before {before:.2f} s, after {after:.2f} s per notebook: "
          f"{after - before:+.2f} s ({after / before:.2f}x)")


if __name__ == "__main__":
    main()
