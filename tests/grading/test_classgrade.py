"""`threadlab grade` on a small class: the gradebook nbgrader autograde leaves, progress, Ctrl-C, shards.

The class grader runs nbgrader's Autograde converter in long-lived worker processes; what it leaves must
be what `nbgrader autograde` leaves for the same class, so formgrader, generate_feedback, `threadlab
feedback` and export keep working on it.
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook
from nbgrader.apps.api import NbGraderAPI

from threadlab.grading.autograde import Result, exit_status
from threadlab.grading.classgrade import parse_shard, read_events, shard_from_env, shard_of
from threadlab.grading.course import course_directory, run_nbgrader
from threadlab.grading.engine import course_config
from threadlab.grading.sandbox import sandbox_problem

from .course import ASSIGNMENT, answer, leftover_processes, make_course, submit

pytestmark = pytest.mark.xdist_group("classgrade")
BOUND = 300  # seconds any one command may take before the test fails (never reached when all is well)
THREADLAB = [sys.executable, "-m", "threadlab"]
TIMESTAMP = "2026-12-01 10:00:00.000000 UTC"
STUCK = '''\
def run_all(funcs):
    open("started", "w").close()
    threading.Event().wait()'''


def needs_sandbox():
    if sandbox_problem():
        pytest.skip(f"the sandbox cannot run here: {sandbox_problem()}")


def threadlab(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*THREADLAB, *args, "--course", str(root)], cwd=root, capture_output=True, text=True,
                          timeout=BOUND)


@pytest.fixture(scope="module")
def classes(tmp_path_factory):
    """The same class graded twice: by `threadlab grade --jobs 2`, and by one `nbgrader autograde`."""
    needs_sandbox()
    ours = make_course(tmp_path_factory.mktemp("class grade") / "course")
    submit(ours, "alice", {"threads.ipynb": answer(ours, "threads"), "echo.ipynb": answer(ours, "echo"),
                           "timestamp.txt": TIMESTAMP})
    submit(ours, "bob", {"threads.ipynb": answer(ours, "threads", reference=False), "echo.ipynb": "not json"})
    submit(ours, "carol", {"threads.ipynb": answer(ours, "threads")})
    plain = shutil.copytree(ours, ours.parent / "plain")
    (plain / "submitted" / "bob" / ASSIGNMENT / "echo.ipynb").unlink()  # what staging leaves out for nbgrader
    graded = threadlab(ours, "grade", "--jobs", "2")
    done = run_nbgrader(plain, "autograde", ASSIGNMENT, "--force", capture_output=True, text=True, timeout=BOUND)
    assert done.returncode == 0, done.stderr[-3000:]
    return ours, plain, graded


def gradebook(root: Path) -> dict:
    """Every grade, comment and submission timestamp, keyed by names (database ids differ)."""
    with Gradebook(course_directory(root).db_url) as gb:
        found = {}
        for submission in gb.find_assignment(ASSIGNMENT).submissions:
            found[submission.student.id] = str(submission.timestamp)
            for nb in submission.notebooks:
                for g in nb.grades:
                    found[(submission.student.id, nb.name, g.name)] = (g.auto_score, g.manual_score,
                                                                       g.needs_manual_grade, g.max_score)
                for c in nb.comments:
                    found[(submission.student.id, nb.name, c.name, "comment")] = c.auto_comment
    return found


def test_the_gradebook_is_what_nbgrader_autograde_leaves(classes):
    ours, plain, graded = classes
    assert gradebook(ours) == gradebook(plain), graded.stdout
    assert gradebook(ours)["alice"] == "2026-12-01 10:00:00", "the submission's timestamp.txt is its timestamp"
    for student in ("alice", "bob", "carol"):
        mine, theirs = (sorted(p.name for p in (root / "autograded" / student / ASSIGNMENT).iterdir())
                        for root in (ours, plain))
        assert mine == theirs, student
        for name in (n for n in mine if n.endswith(".ipynb")):
            cells = [[c.source for c in nbformat.read(root / "autograded" / student / ASSIGNMENT / name, 4).cells]
                     for root in (ours, plain)]
            assert cells[0] == cells[1], f"{student}/{name}"


def test_formgrader_sees_the_same_class(classes):
    ours, plain, _ = classes
    keys = ("student", "score", "max_score", "code_score", "autograded", "needs_manual_grade", "submitted", "status")

    def seen(root: Path):
        api = NbGraderAPI(coursedir=course_directory(root), config=course_config(root))
        cwd = os.getcwd()
        os.chdir(root)
        try:
            subs = sorted(({k: s.get(k) for k in keys} for s in api.get_submissions(ASSIGNMENT)),
                          key=lambda s: s["student"])
            per_notebook = sorted((s["student"], s["score"], s["failed_tests"])
                                  for s in api.get_notebook_submissions(ASSIGNMENT, "threads"))
        finally:
            os.chdir(cwd)
        return subs, per_notebook

    assert seen(ours) == seen(plain)
    assert [s["score"] for s in seen(ours)[0]] == [3.0, 0.0, 2.0]


def test_feedback_and_export_work_on_the_graded_class(classes):
    ours, plain, _ = classes
    done = run_nbgrader(ours, "generate_feedback", ASSIGNMENT, "--force", capture_output=True, text=True,
                        timeout=BOUND)
    assert done.returncode == 0, done.stderr[-2000:]
    ours_feedback = threadlab(ours, "feedback", ASSIGNMENT)
    assert ours_feedback.returncode == 0, ours_feedback.stderr
    for student in ("alice", "bob", "carol"):
        assert (ours / "feedback" / student / ASSIGNMENT / "threads.html").is_file(), student
    csvs = []
    for root in (ours, plain):
        done = run_nbgrader(root, "export", capture_output=True, text=True, timeout=BOUND)
        assert done.returncode == 0, done.stderr[-2000:]
        csvs.append(sorted((root / "grades.csv").read_text().splitlines()))
    assert csvs[0] == csvs[1] and len(csvs[0]) == 4


def test_output_summary_events_and_exit_status(classes):
    ours, _, graded = classes
    assert graded.returncode == 1, graded.stdout + graded.stderr  # all graded, bob and carol with problems
    lines = graded.stdout
    assert "[3/3]" in lines and "\x1b[" not in lines, "not a terminal: plain lines, no escape codes"
    assert "alice threads: 3/3" in lines and "carol threads: 2/3" in lines
    table = lines[lines.index("threadlab grade"):]
    assert "echo.ipynb is not valid JSON" in table and "echo.ipynb is missing" in table
    events = {e["student"]: e for e in read_events(ours / "grading-events.jsonl")}
    assert set(events) == {"alice", "bob", "carol"}
    alice = events["alice"]
    assert alice["graded"] and alice["score"] == 3.0 and alice["assignment"] == ASSIGNMENT
    assert set(alice["notebooks"]) == {"threads", "echo"}
    assert all(nb["execute_seconds"] > 0 for nb in alice["notebooks"].values())
    assert events["bob"]["notebooks"]["echo"]["execute_seconds"] is None  # never run: not valid JSON


def test_exit_statuses():
    graded = Result("a", "s", graded=True)
    assert exit_status([graded]) == 0
    assert exit_status([graded, Result("a", "t", graded=True, problems=["x.ipynb is missing"])]) == 1
    assert exit_status([graded, Result("a", "u", graded=False, problems=["could not grade: …"])]) == 2


def test_a_student_who_cannot_be_graded_has_no_grade_and_exit_2(classes):
    ours, _, _ = classes
    dan = submit(ours, "dan", {"threads.ipynb": "{", "echo.ipynb": None})
    graded = threadlab(ours, "grade", ASSIGNMENT, "--student", "dan")
    assert graded.returncode == 2, graded.stdout + graded.stderr
    assert "dan threads: NOT GRADED" in graded.stdout and "no readable notebook" in graded.stdout
    with Gradebook(course_directory(ours).db_url) as gb:
        assert "dan" not in {s.student.id for s in gb.find_assignment(ASSIGNMENT).submissions}
    shutil.rmtree(dan.parent)


def test_shards_are_disjoint_stable_and_cover_the_class():
    students = [f"student-{n}" for n in range(200)] + ["alice", "bob", "ünï"]
    for count in (1, 2, 3, 7):
        slices = [{s for s in students if shard_of(s, count) == i} for i in range(count)]
        assert sum(map(len, slices)) == len(students) and set().union(*slices) == set(students)
        assert all(slices), f"with {len(students)} students every one of {count} shards gets some"
    assert [shard_of(s, 4) for s in students] == [shard_of(s, 4) for s in students]
    assert parse_shard("2/5") == (2, 5)
    for bad in ("5/5", "-1/3", "a/b", "3"):
        with pytest.raises(ValueError):
            parse_shard(bad)
    assert shard_from_env({}) is None
    assert shard_from_env({"JOB_COMPLETION_INDEX": "3", "THREADLAB_SHARDS": "8"}) == (3, 8)
    with pytest.raises(ValueError, match="THREADLAB_SHARDS"):
        shard_from_env({"JOB_COMPLETION_INDEX": "3"})


def test_ctrl_c_mid_class_leaves_no_sandbox_process_and_no_partial_grade(tmp_path):
    """On a terminal (the bar), SIGINT while two students' notebooks run: the finished student keeps
    their grade, the two in flight have none at all (their echo notebook had been scored already)."""
    needs_sandbox()
    root = make_course(tmp_path / "interrupted class")
    submit(root, "a-quick", {"threads.ipynb": answer(root, "threads"), "echo.ipynb": answer(root, "echo")})
    for student in ("b-stuck", "c-stuck"):
        submit(root, student, {"threads.ipynb": answer(root, "threads", {"threads-run-all": STUCK}),
                               "echo.ipynb": answer(root, "echo")})
    master, slave = pty.openpty()
    grader = subprocess.Popen([*THREADLAB, "grade", "--jobs", "2", "--timeout", "200", "--budget", "250"],
                              cwd=root, stdin=slave, stdout=slave, stderr=slave,
                              env={**os.environ, "COLUMNS": "200", "TERM": "xterm"})
    os.close(slave)
    screen = bytearray()
    reader = threading.Thread(target=lambda: _drain(master, screen), daemon=True)
    reader.start()
    def started(student):  # the marker is in the kernel's own working copy (a tmpfs only it sees): look through /proc
        return any(os.path.exists(f"/proc/{pid}/cwd/started")
                   for pid in leftover_processes(root / "autograded" / student))

    deadline = time.monotonic() + BOUND
    while not (started("b-stuck") and started("c-stuck")):  # polling the kernels' working copies, bounded
        assert grader.poll() is None and time.monotonic() < deadline, bytes(screen).decode(errors="replace")
        time.sleep(0.05)
    grader.send_signal(signal.SIGINT)
    assert grader.wait(timeout=60) == 2
    reader.join(10)
    out = bytes(screen).decode(errors="replace")
    assert "1/3" in out, f"the bar shows students done / total:\n{out}"
    assert "interrupted: not graded: b-stuck threads, c-stuck threads (in progress" in out, out[-3000:]
    assert leftover_processes(root) == [], "a kernel of the interrupted class outlived the grader"
    with Gradebook(course_directory(root).db_url) as gb:
        submitted = {s.student.id: s.score for s in gb.find_assignment(ASSIGNMENT).submissions}
    assert submitted == {"a-quick": 3.0}, "only the finished student has a grade, and no one a partial one"
    assert not (root / "autograded" / "b-stuck").exists() or not any((root / "autograded" / "b-stuck").iterdir())
    lost = [e for e in read_events(root / "grading-events.jsonl") if not e["graded"]]
    assert sorted(e["student"] for e in lost) == ["b-stuck", "c-stuck"]


def _drain(fd: int, into: bytearray) -> None:
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the grader closed the terminal
            return
        if not chunk:
            return
        into.extend(chunk)


def test_release_fetch_submit_collect_through_the_course_exchange(tmp_path):
    """The course's exchange out of the box: Exchange.root is <course>/exchange unless THREADLAB_EXCHANGE."""
    root = make_course(tmp_path / "exchange course")
    exchange = root / "exchange"
    assert course_config(root).Exchange.root == str(exchange)
    env = {k: v for k, v in os.environ.items() if k != "THREADLAB_EXCHANGE"}
    env["JUPYTER_DATA_DIR"] = str(tmp_path / "student data")  # nbgrader submit's cache, not the real home
    student = tmp_path / "student home"
    student.mkdir()

    def nbgrader(cwd: Path, *args: str) -> None:
        done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=BOUND)
        assert done.returncode == 0, f"nbgrader {args[0]}: {done.stdout[-1500:]}{done.stderr[-1500:]}"

    nbgrader(root, "release_assignment", ASSIGNMENT)
    as_student = ["--course", "threadlab", f"--Exchange.root={exchange}"]
    nbgrader(student, "fetch_assignment", ASSIGNMENT, *as_student)
    fetched = student / ASSIGNMENT / "threads.ipynb"
    nb = nbformat.read(fetched, 4)
    nb.cells[2].source = "# my answer\n" + nb.cells[2].source
    nbformat.write(nb, fetched)
    nbgrader(student, "submit", ASSIGNMENT, *as_student)
    nbgrader(root, "collect", ASSIGNMENT)
    (who,) = [p.name for p in (root / "submitted").iterdir()]
    collected = root / "submitted" / who / ASSIGNMENT
    assert (collected / "timestamp.txt").is_file()
    assert "# my answer" in nbformat.read(collected / "threads.ipynb", 4).cells[2].source
    assert json.loads((collected / "echo.ipynb").read_text())["cells"], "the untouched notebook came back too"
