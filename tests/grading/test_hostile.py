"""Hostile submissions graded in the sandbox: each costs at most its own notebook, nothing escapes.

One course, one grading run (two students at a time, small limits), many students; each test
asserts on one of them. Never run these submissions unsandboxed.
"""

from __future__ import annotations

import argparse
import json
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from threadlab.grading import autograde as ag
from threadlab.grading import classgrade as cg
from threadlab.grading.classgrade import grade_class
from threadlab.grading.feedback import generate
from threadlab.grading.sandbox import sandbox_problem
from nbgrader.api import Gradebook, MissingEntry

from .course import (ASSIGNMENT, MAX_SCORE, RUN_ALL, SECRET, answer, leftover_processes, make_course, reported,
                     submit)

# The module-scoped course is built once: keep this module on one xdist worker (--dist loadgroup).
pytestmark = pytest.mark.xdist_group("grading-hostile")

CELL_TIMEOUT, BUDGET = 3, 12
SETTINGS = {"Execute.timeout": CELL_TIMEOUT, "BoundedExecute.budget": BUDGET, "GradingKernelManager.memory_mb": 1536,
            "GradingKernelManager.max_processes": 64, "ClassGrading.jobs": 2}
# one notebook: kernel start + budget + interrupt grace + iopub wait + nbgrader's own ~3 s, loaded machine
STUDENT_BOUND = 2 * (BUDGET + 30) + 30
MARKER = "987654"  # `sleep 987654`: a child that tries to outlive grading


def both(root, threads_code=None, echo_code=None, reference=True):
    return {"threads.ipynb": answer(root, "threads", threads_code, reference),
            "echo.ipynb": answer(root, "echo", echo_code, reference)}


@pytest.fixture(scope="module")
def host_listener():
    server = socket.create_server(("127.0.0.1", 0))
    yield server.getsockname()[1]
    server.close()


@pytest.fixture(scope="module")
def graded(tmp_path_factory, host_listener):
    if sandbox_problem():
        pytest.skip(f"the sandbox cannot run here: {sandbox_problem()}")
    root = make_course(tmp_path_factory.mktemp("course"))
    db = root / "gradebook.db"
    snoop = f'''\
import json, os, socket
report = {{}}
for name, path in {{"source": {str(root / "source" / ASSIGNMENT / "threads.ipynb")!r},
                    "gradebook": {str(db)!r}, "other": {str(root / "submitted" / "good")!r},
                    "root_home": "/root", "course": {str(root)!r}}}.items():
    try:
        report[name] = os.listdir(path) if os.path.isdir(path) else open(path, "rb").read(200).decode("latin1")
    except OSError as exc:
        report[name] = "denied: " + type(exc).__name__
try:
    open({str(db)!r}, "ab").write(b"x")
    report["write_gradebook"] = "written"
except OSError as exc:
    report["write_gradebook"] = "denied"
for name, address in {{"host_socket": ("127.0.0.1", {host_listener}), "internet": ("8.8.8.8", 53)}}.items():
    try:
        socket.create_connection(address, timeout=1).close()
        report[name] = "connected"
    except OSError:
        report[name] = "denied"
print("leak=" + json.dumps(report))
''' + RUN_ALL
    noisy_echo = answer(root, "echo").cells[1].source.replace(
        "    return answer",
        "    def noisy():\n"
        "        print('thread noise on stderr', file=sys.stderr)\n"
        "        raise RuntimeError('background failure')\n"
        "    n = threading.Thread(target=noisy, name='noisy-worker')\n"
        "    n.start()\n"
        "    n.join()\n"
        "    return answer").replace("def echo_once", "import sys\ndef echo_once")
    bombs = f'''\
import subprocess, threading
subprocess.Popen(["sleep", "{MARKER}"], start_new_session=True)
try:
    hog = bytearray(4 * 1024 ** 3)
except MemoryError:
    print("memory bomb stopped")
started = []
try:
    while True:
        t = threading.Thread(target=threading.Event().wait, daemon=True)
        t.start()
        started.append(t)
except RuntimeError:
    print("thread bomb stopped at", len(started))
''' + RUN_ALL
    tampered = answer(root, "threads", reference=False)
    for cell in tampered.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "threads-run-all-test-runs":
            cell.source = "pass"
    no_tests = answer(root, "echo", reference=False)
    no_tests.cells = [c for c in no_tests.cells if not c.metadata.get("nbgrader", {}).get("grade")]
    wrong_kernel = answer(root, "echo")
    wrong_kernel.metadata["kernelspec"] = {"name": "julia-1.9", "display_name": "Julia", "language": "julia"}

    submit(root, "good", both(root))
    submit(root, "empty", both(root, reference=False))
    submit(root, "spin", both(root, {"threads-run-all": "while True:\n    pass"}))
    submit(root, "deadlock", both(root, {"threads-run-all": "import threading\nlock = threading.Lock()\n"
                                                            "lock.acquire()\nlock.acquire()"}))
    submit(root, "deaf", both(root, {"threads-run-all": "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                                        "while True:\n    pass"}))
    submit(root, "exit", both(root, {"threads-run-all": "import os\nos._exit(0)"}))
    submit(root, "bombs", both(root, {"threads-run-all": bombs}))
    submit(root, "printer", both(root, {"threads-run-all": "while True:\n    print('x' * 1000)"}))
    submit(root, "snoop", both(root, {"threads-run-all": snoop}))
    submit(root, "poison", both(root, echo_code={"echo-echo-once": noisy_echo}))
    submit(root, "tamper", {"threads.ipynb": tampered, "echo.ipynb": no_tests})
    folder = submit(root, "badinput", {"threads.ipynb": "{ this is not json", "echo.ipynb": wrong_kernel,
                                       "notes.txt": "hello"})
    (folder / "solutions.ipynb").symlink_to(root / "source" / ASSIGNMENT / "threads.ipynb")
    submit(root, "unreadable", {"threads.ipynb": b"\x00\xff", "echo.ipynb": "[]"})

    results = {r.student: r for r in grade_class(root, [ASSIGNMENT], overrides=SETTINGS)[0]}
    return root, results


def score(results, student, notebook):
    return results[student].notebooks[notebook].score


def autograded_nb(root, student, notebook):
    return nbformat.read(root / "autograded" / student / ASSIGNMENT / f"{notebook}.ipynb", as_version=4)


def test_a_correct_submission_scores_full_marks_in_the_sandbox(graded):
    _, results = graded
    assert results["good"].graded and results["good"].score == 3 and not results["good"].problems


def test_an_empty_submission_scores_zero(graded):
    _, results = graded
    assert results["empty"].score == 0


@pytest.mark.parametrize("student", ["spin", "deadlock", "deaf", "exit", "bombs", "printer"])
def test_a_hostile_notebook_costs_only_its_own_tests_within_one_budget(graded, student):
    _, results = graded
    result = results[student]
    assert result.graded, result.line()
    assert score(results, student, "threads") == 0
    assert score(results, student, "echo") == MAX_SCORE["echo"], "the other notebook must not pay"
    assert result.seconds < STUDENT_BOUND, f"{student} took {result.seconds:.0f} s"


def test_a_kernel_that_dies_says_so_in_its_notebook(graded):
    root, results = graded
    assert any("ended the Python process" in p for p in results["exit"].problems)
    test_cell = autograded_nb(root, "exit", "threads").cells[3]
    assert any("ended the Python process" in o.get("evalue", "") for o in test_cell.outputs)


def test_a_kernel_that_ignores_interrupts_says_so(graded):
    root, results = graded
    assert any("did not respond to interrupt" in p for p in results["deaf"].problems)
    test_cell = autograded_nb(root, "deaf", "threads").cells[4]
    assert any("did not respond to interrupt" in o.get("evalue", "") for o in test_cell.outputs)


def test_no_process_outlives_grading(graded):
    root, _ = graded
    assert leftover_processes(root) == []
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert f"sleep {MARKER}" not in ps


def test_bombs_hit_the_limits_not_the_machine(graded):
    root, _ = graded
    out = "".join(o.get("text", "") for o in autograded_nb(root, "bombs", "threads").cells[2].outputs)
    assert "memory bomb stopped" in out
    assert "thread bomb stopped at" in out
    assert int(out.split("thread bomb stopped at")[1].split()[0]) < 64


def test_an_output_bomb_is_truncated(graded):
    root, _ = graded
    path = root / "autograded" / "printer" / ASSIGNMENT / "threads.ipynb"
    assert path.stat().st_size < 2_000_000
    assert "output truncated" in path.read_text()


def test_the_sandbox_hides_the_course_and_the_network(graded):
    root, results = graded
    leak = json.loads(reported(root, "snoop", "threads", "leak"))
    for name in ["source", "gradebook", "other"]:
        assert str(leak[name]).startswith("denied"), f"{name} was visible: {leak[name]!r}"
    assert leak["course"] == ["autograded"], "only the path to its own working copy is visible"
    # /root shows only the directories that lead to the Python install (pyenv lives there on some machines)
    install = {Path(p).relative_to("/root").parts[0] for p in {sys.base_prefix, sys.prefix} if p.startswith("/root/")}
    assert str(leak["root_home"]).startswith("denied") or set(leak["root_home"]) <= install, leak["root_home"]
    assert leak["write_gradebook"] == "denied"
    assert leak["host_socket"] == "denied" and leak["internet"] == "denied"
    assert results["snoop"].score == 3, "loopback inside the sandbox (the echo exercise) still works"


def test_the_gradebook_is_intact_and_grades_are_per_student(graded):
    root, results = graded
    with sqlite3.connect(root / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for student, result in results.items():
            if result.graded:
                assert gb.find_submission(ASSIGNMENT, student).score == result.score


def test_thread_output_does_not_zero_an_unrelated_test(graded):
    root, results = graded
    assert score(results, "poison", "echo") == 1
    outputs = autograded_nb(root, "poison", "echo").cells[2].outputs
    text = "".join(o.get("text", "") for o in outputs)
    assert "Exception in thread noisy-worker" in text and "RuntimeError: background failure" in text
    assert "thread noise on stderr" in text
    assert not any(o.get("name") == "stderr" for o in outputs)


def test_edited_or_deleted_tests_do_not_pay(graded):
    _, results = graded
    assert results["tamper"].graded
    assert results["tamper"].score <= results["empty"].score


def test_bad_input_gets_one_line_each_and_the_rest_is_graded(graded):
    root, results = graded
    bad = results["badinput"]
    assert bad.graded and score(results, "badinput", "threads") == 0 and score(results, "badinput", "echo") == 1
    text = "\n".join(bad.problems)
    assert "threads.ipynb is not valid JSON" in text
    assert "'julia-1.9'" in text
    assert "extra files ignored: notes.txt" in text and "solutions.ipynb is a symbolic link, not a file: refused" in text
    assert not (root / "autograded" / "badinput" / ASSIGNMENT / "solutions.ipynb").exists()
    assert all("\n" not in p for p in bad.problems)


def test_an_unreadable_submission_is_not_graded_and_the_exit_status_says_so(graded):
    _, results = graded
    assert not results["unreadable"].graded
    assert ag.exit_status(list(results.values())) == 2
    assert ag.exit_status([results["good"], results["badinput"]]) == 1
    assert ag.exit_status([results["good"]]) == 0


def test_a_regrade_that_fails_leaves_no_stale_grade(graded):
    root, results = graded
    submit(root, "good", {"threads.ipynb": "not json", "echo.ipynb": "not json either"})
    (again,) = grade_class(root, [ASSIGNMENT], ["good"], overrides=SETTINGS)[0]
    assert not again.graded
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        with pytest.raises(MissingEntry):
            gb.find_submission(ASSIGNMENT, "good")
        assert gb.find_submission(ASSIGNMENT, "empty").score == results["empty"].score
    assert not (root / "autograded" / "good").joinpath(ASSIGNMENT).exists()


def test_feedback_hides_hidden_tests_and_loads_nothing_from_the_network(graded):
    root, _ = graded
    assert generate(root, ASSIGNMENT, ["empty", "snoop"]) == 0
    pages = list((root / "feedback").glob(f"*/{ASSIGNMENT}/*.html"))
    assert len(pages) == 4
    for page in pages:
        html = page.read_text()
        assert SECRET not in html and "meet_hidden_check" not in html and "barrier.wait" not in html
        assert "https://" not in html.split("<body")[0] or "<script src=\"https" not in html
        assert 'src="https://' not in html and "src='https://" not in html
    empty = (root / "feedback" / "empty" / ASSIGNMENT / "threads.html").read_text()
    assert "NotImplementedError" in empty


def test_refuses_to_grade_without_the_sandbox_unless_asked(graded, monkeypatch, capsys):
    root, _ = graded
    monkeypatch.setattr(cg, "sandbox_problem", lambda: "bubblewrap (bwrap) is not installed")
    parser = argparse.ArgumentParser()
    cg.add_arguments(parser)
    args = parser.parse_args(["nothing-here", "--course", str(root), "--budget", "10", "--jobs", "1"])
    assert cg.main(args) == 2
    assert "refusing to grade" in capsys.readouterr().err
    args.unsandboxed = True
    cg.main(args)
    assert "GRADING UNSANDBOXED" in capsys.readouterr().err
