"""A failed concurrency check shows the learner's timeline in the private feedback, and nothing hidden.

A one-notebook course whose hidden test wraps a barrier check in `timeline_on_failure`. Two students,
graded in the sandbox and given feedback through the command line (`python -m threadlab.grading`):
- "serial" joins each thread inside the loop that starts it, so the threads never meet at the barrier:
  the feedback shows the check's plain-words message and the timeline figure (inline PNG, a caption that
  names the threads), and no line of the hidden test;
- "good" starts them all, then joins them: that test passes, and its feedback has no timeline figure.
"""

from __future__ import annotations

import base64
import html
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from threadlab.grading.course import scratch_course
from threadlab.grading.feedback import hidden_lines
from threadlab.grading.sandbox import sandbox_problem

from .grading.course import KERNEL, RUN_ALL, meta

# The module-scoped course is built once: keep this module on one xdist worker (--dist loadgroup).
pytestmark = pytest.mark.xdist_group("feedback-timeline")

ASSIGNMENT = "timeline"
SECRET = "HIDDEN_TIMELINE_SECRET_51c2"  # only in the hidden test: it must never reach a student
MESSAGE = "run_all ran the functions one after another: start them all first, then join them all"
TITLE = "Your run_all's threads should wait at the barrier together"

HIDDEN_TEST = f'''\
from threadlab.testing import Rendezvous, call_with_timeout, expect, timeline_on_failure
### BEGIN HIDDEN TESTS
# {SECRET}
secret_rendezvous = Rendezvous(3, timeout=1)
with timeline_on_failure({TITLE!r}):
    call_with_timeout(run_all, [secret_rendezvous.meet] * 3, timeout=6, hint="run_all() should return.")
    expect(secret_rendezvous.met,
           {MESSAGE!r})
### END HIDDEN TESTS'''

SERIAL = '''\
def run_all(funcs):
    """Run each function in its own thread; return when all have finished."""
    for i, f in enumerate(funcs):
        t = threading.Thread(target=f, name=f"worker-{i}")
        t.start()
        t.join()  # waits for this thread before the next one even starts
'''

CLI_TIMEOUT = 300  # seconds for one command: two kernels, each well within its 60 s budget


def course_notebook():
    return new_notebook(metadata=KERNEL, cells=[
        new_markdown_cell("# Threads at once\nRun functions in threads, all at the same time."),
        new_code_cell("import threading", metadata=meta("timeline-imports", locked=True)),
        new_code_cell(RUN_ALL, metadata=meta("timeline-run-all", solution=True)),
        new_code_cell(
            "from threadlab.testing import call_with_timeout, expect\n"
            "seen = []\n"
            "call_with_timeout(run_all, [lambda: seen.append(1)] * 3, timeout=3)\n"
            "expect(seen == [1, 1, 1], 'run_all must call every function once')",
            metadata=meta("timeline-test-runs", grade=True, locked=True, points=1)),
        new_code_cell(HIDDEN_TEST, metadata=meta("timeline-test-concurrent", grade=True, locked=True, points=1)),
    ])


def submit(root: Path, student: str, run_all: str) -> None:
    nb = nbformat.read(root / "release" / ASSIGNMENT / "threads.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "timeline-run-all":
            cell.source = run_all
    folder = root / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / "threads.ipynb")


def grading(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "threadlab.grading", *args, "--course", str(root)],
                          cwd=root, capture_output=True, text=True, timeout=CLI_TIMEOUT)


@pytest.fixture(scope="module")
def feedback(tmp_path_factory):
    if sandbox_problem():
        pytest.skip(f"the sandbox cannot run here: {sandbox_problem()}")
    root = tmp_path_factory.mktemp("timeline-course")
    source = root / "source" / ASSIGNMENT / "threads.ipynb"
    source.parent.mkdir(parents=True)
    nbformat.write(course_notebook(), source)
    scratch_course(root)
    submit(root, "serial", SERIAL)
    submit(root, "good", RUN_ALL)

    graded = grading(root, "autograde", ASSIGNMENT, "--timeout", "15", "--budget", "60", "--jobs", "2")
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert f"serial {ASSIGNMENT}: 1/2" in graded.stdout and f"good {ASSIGNMENT}: 2/2" in graded.stdout, graded.stdout
    given = grading(root, "feedback", ASSIGNMENT)
    assert given.returncode == 0, given.stdout + given.stderr
    pages = {student: (root / "feedback" / student / ASSIGNMENT / "threads.html").read_text()
             for student in ("serial", "good")}
    return pages, nbformat.read(source, as_version=4)


def test_a_failed_concurrency_check_shows_the_timeline_and_its_message(feedback):
    pages, _ = feedback
    page = pages["serial"]
    figures = re.findall(r"<figure>(.*?)</figure>", page, re.S)
    assert len(figures) == 1, f"{len(figures)} figures in the feedback, expected the one timeline"
    image = re.search(r"<img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"", figures[0])
    assert image and base64.b64decode(image.group(1)).startswith(b"\x89PNG\r\n\x1a\n")
    caption = html.unescape(re.search(r"<figcaption>(.*?)</figcaption>", figures[0], re.S).group(1))
    assert "MainThread" in caption and "bounded-run_all" in caption, caption
    assert all(f"worker-{i}" in caption for i in range(3)), caption
    assert MESSAGE in html.unescape(page)


def test_no_line_of_the_hidden_test_reaches_the_feedback(feedback):
    pages, source = feedback
    hidden = [line for cell in source.cells if cell.cell_type == "code" for line in hidden_lines(cell.source)]
    assert any(SECRET in line for line in hidden) and any("timeline_on_failure(" in line for line in hidden)
    for student, page in pages.items():
        text = html.unescape(page)
        assert SECRET not in text and "secret_rendezvous" not in text and TITLE not in text, student
        leaked = [line for line in hidden if line in page or line in text]
        assert not leaked, f"{student}: hidden lines in the feedback: {leaked}"


def test_a_passed_check_shows_no_timeline(feedback):
    pages, _ = feedback
    assert "<figure" not in pages["good"] and "data:image/png;base64," not in pages["good"]
    assert MESSAGE not in html.unescape(pages["good"])
