"""Private feedback: nbgrader's generate_feedback, minus the hidden tests and external resources.

    threadlab feedback [ASSIGNMENT ...] [--student S ...]

nbgrader's feedback HTML shows the hidden tests' source, tracebacks that quote hidden lines,
and loads MathJax from a CDN. Here each test cell shows only its visible part; a failed test
shows its plain-words message (`Mistake: ...`) instead of a traceback; no line of a hidden
test survives in any output; and no script, style or font is fetched from the network.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import is_grade, is_solution

from .course import course_directory, run_nbgrader

BEGIN, END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
PREPROCESSORS = ["nbgrader.preprocessors.GetGrades", "threadlab.grading.feedback.HideHiddenTests",
                 "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]
EXTERNAL = re.compile(r"<script[^>]*\bsrc=[\"']?(https?:)?//[^>]*>\s*</script>|<link[^>]*\bhref=[\"']?(https?:)?//[^>]*>",
                      re.I)


def split_hidden(source: str) -> tuple[list[str], list[str]]:
    """A cell's lines outside and inside the hidden-test markers (the markers themselves dropped)."""
    visible, hidden, inside = [], [], False
    for line in source.splitlines():
        if line.strip().startswith(BEGIN):
            inside = True
        elif line.strip().startswith(END):
            inside = False
        else:
            (hidden if inside else visible).append(line)
    return visible, hidden


def hidden_lines(source: str) -> list[str]:
    """The non-trivial lines between the hidden-test markers of a cell's source."""
    return [line.strip() for line in split_hidden(source)[1] if len(line.strip()) >= 6]


def visible_part(source: str) -> str:
    return "\n".join(split_hidden(source)[0]).rstrip()


class HideHiddenTests(NbGraderPreprocessor):
    """Test cells keep their visible lines; errors become their one-line message; no hidden line leaks."""

    def preprocess(self, nb, resources):
        self._secret = [l for c in nb.cells if is_grade(c) and c.cell_type == "code" for l in hidden_lines(c.source)]
        return super().preprocess(nb, resources)

    def _scrub(self, text: str) -> str:
        return "\n".join(l for l in text.split("\n") if not any(s in l for s in self._secret))

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        test = is_grade(cell) and not is_solution(cell)
        if test:
            cell.source = visible_part(cell.source)
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                message = f"{output.ename}: {output.evalue}".strip()
                output.traceback = [self._scrub(message) if test else self._scrub(l) for l in
                                    ([message] if test else output.traceback)]
                output.evalue = self._scrub(output.evalue)
            elif output.output_type == "stream":
                output.text = self._scrub(output.text)
            for key, value in list(output.get("data", {}).items()):
                if isinstance(value, str):
                    output.data[key] = self._scrub(value)
        return cell, resources


def strip_external(html: str) -> str:
    """Self-contained: drop scripts and stylesheets that would be fetched from the network."""
    return EXTERNAL.sub("", html)


def generate(root: Path, assignment: str, students: list[str] | None = None) -> int:
    args = ["generate_feedback", assignment, "--force", f"--GenerateFeedback.preprocessors={PREPROCESSORS!r}"]
    failed = 0
    for student in students or [None]:
        done = run_nbgrader(root, *args, *(["--student", student] if student else []),
                            capture_output=True, text=True)
        if done.returncode:
            failed += 1
            print(f"{student or assignment}: feedback failed: {(done.stdout + done.stderr).strip()[-300:]}",
                  file=sys.stderr)
    for html in (root / "feedback").glob(f"*/{assignment}/*.html"):
        html.write_text(strip_external(html.read_text()))
    return 2 if failed else 0


def main(args) -> int:
    root = Path(args.course).resolve()
    with Gradebook(course_directory(root).db_url) as gb:
        assignments = args.assignment or sorted(a.name for a in gb.assignments if a.submissions)
    return max([generate(root, a, args.student) for a in assignments], default=0)


def add_arguments(parser) -> None:
    parser.add_argument("assignment", nargs="*", help="assignments (default: every one with submissions)")
    parser.add_argument("--student", action="append", help="only this student (repeatable)")
    parser.add_argument("--course", default=os.getcwd(), help="course directory (default: the current one)")
