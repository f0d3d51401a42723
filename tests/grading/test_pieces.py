"""The grading pieces that need neither root nor bubblewrap: staging, hidden-line scrubbing, the guard,
the settings.

These run anywhere; the sandboxed tests next to them skip with a reason where the sandbox can't start.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import textwrap

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from threadlab.grading import autograde as ag
from threadlab.grading import classgrade as cg
from threadlab.grading.course import course_directory, course_setting
from threadlab.grading.execute import BoundedExecute
from threadlab.grading.feedback import HideHiddenTests, split_hidden, strip_external, visible_part
from threadlab.grading.sandbox import GradingKernelManager
from threadlab.grading.submissions import stage

from .course import KERNEL, meta

TEST = "from threadlab.testing import expect\n### BEGIN HIDDEN TESTS\nsecret_check_42 = 1\nexpect(False, 'no')\n" \
       "### END HIDDEN TESTS\nprint('visible')"


def notebook_bytes() -> bytes:
    return nbformat.writes(new_notebook(cells=[new_code_cell("x = 1")], metadata=KERNEL)).encode()


# -- staging ---------------------------------------------------------------------------------------
def test_staging_copies_only_regular_readable_notebooks(tmp_path):
    submitted, staging = tmp_path / "submitted", tmp_path / "staging"
    submitted.mkdir()
    (submitted / "good.ipynb").write_bytes(notebook_bytes())
    (submitted / "broken.ipynb").write_text("{not json")
    (tmp_path / "elsewhere.ipynb").write_bytes(notebook_bytes())
    (submitted / "linked.ipynb").symlink_to(tmp_path / "elsewhere.ipynb")
    os.mkfifo(submitted / "fifo.ipynb")
    (submitted / "notes.txt").write_text("hi")
    staged = stage(submitted, staging, "s", ["good", "broken", "linked", "fifo", "absent"])
    assert staged.notebooks == ["good"]
    assert sorted(p.name for p in staging.iterdir()) == ["good.ipynb"]
    assert not (staging / "good.ipynb").is_symlink()
    text = "\n".join(staged.problems)
    for expected in ("broken.ipynb is not valid JSON", "linked.ipynb is a symbolic link, not a file: refused; it scores 0",
                     "fifo.ipynb is a FIFO, not a file: refused; it scores 0", "absent.ipynb is missing", "extra files ignored: notes.txt"):
        assert expected in text, text


def test_staging_a_missing_folder_is_one_problem(tmp_path):
    staged = stage(tmp_path / "nothing", tmp_path / "staging", "s", ["a"])
    assert staged.notebooks == [] and staged.problems == ["no submission folder"]


# -- hidden lines ----------------------------------------------------------------------------------
def test_split_hidden_separates_visible_and_hidden_lines():
    visible, hidden = split_hidden(TEST)
    assert visible == ["from threadlab.testing import expect", "print('visible')"]
    assert hidden == ["secret_check_42 = 1", "expect(False, 'no')"]
    assert visible_part(TEST) == "from threadlab.testing import expect\nprint('visible')"


def test_feedback_keeps_no_hidden_line_in_source_or_outputs():
    cell = new_code_cell(TEST, metadata=meta("t-test", grade=True, locked=True, points=1))
    cell.outputs = [new_output("stream", name="stdout", text="ok\nsecret_check_42 = 1\n"),
                    new_output("error", ename="Mistake", evalue="no",
                               traceback=["Traceback", "----> 3 secret_check_42 = 1", "Mistake: no"])]
    nb = new_notebook(cells=[cell], metadata=KERNEL)
    nb, _ = HideHiddenTests().preprocess(nb, {})
    dumped = json.dumps(nb)
    assert "secret_check_42" not in dumped and "BEGIN HIDDEN" not in dumped
    assert nb.cells[0].outputs[1].traceback == ["Mistake: no"]


def test_feedback_html_fetches_nothing_from_the_network():
    html = '<script src="https://cdn.example/mathjax.js"></script><link href="//cdn/x.css"><p>kept</p>'
    assert strip_external(html) == "<p>kept</p>"


# -- the guard, on a plain IPython shell -------------------------------------------------------------
GUARD = textwrap.dedent("""\
    import json, threading
    from IPython.core.interactiveshell import InteractiveShell
    import threadlab.testing
    from threadlab.grading.guard import Guard
    shell = InteractiveShell.instance()
    guard = Guard(shell)
    real_expect, real_wait = threadlab.testing.expect, threading.Barrier.wait
    threadlab.testing.expect = lambda *a, **k: None
    threading.Barrier.wait = lambda self, timeout=None: 0
    shell.ast_transformers.append(object())
    changed = guard.handle({"phase": "restore"})["changed"]
    print(json.dumps({"changed": changed,
                      "restored": threadlab.testing.expect is real_expect and threading.Barrier.wait is real_wait
                                  and shell.ast_transformers == []}))
""")
LAZY = textwrap.dedent("""\
    import json
    from IPython.core.interactiveshell import InteractiveShell
    import zmq.backend.cython._zmq as backend
    from threadlab.grading.guard import Guard
    backend._gc = None
    guard = Guard(InteractiveShell.instance())
    from zmq.utils.garbage import gc
    backend._gc = gc  # what pyzmq does on its first big zero-copy send
    print(json.dumps(guard.handle({"phase": "restore"})["changed"]))
""")


def run(script: str):
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_guard_restores_tampered_helpers_and_names_them():
    report = run(GUARD)
    assert report["restored"]
    assert {"threadlab.testing.expect", "threading.Barrier.wait", "ast_transformers"} <= set(report["changed"])


def test_guard_leaves_state_a_module_makes_lazily():
    """pyzmq sets its garbage collector on the first big message: machinery, not a cheat."""
    assert run(LAZY) == []


# -- settings: traitlets, with command-line aliases ------------------------------------------------------
def test_command_line_options_are_aliases_of_the_course_traits(tmp_path):
    parser = argparse.ArgumentParser()
    cg.add_arguments(parser)
    assert ag.overrides_from(parser.parse_args(["a"])) == {}
    given = ag.overrides_from(parser.parse_args(["a", "--budget", "10", "--cpu-seconds", "7", "--unsandboxed"]))
    assert given == {"BoundedExecute.budget": 10, "GradingKernelManager.cpu_seconds": 7,
                     "BoundedExecute.sandbox": False}


def test_settings_left_out_come_from_nbgrader_config_or_the_trait(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\nc.BoundedExecute.budget = 77\n")
    coursedir = course_directory(tmp_path)
    assert course_setting(coursedir, BoundedExecute, "budget") == 77
    assert course_setting(coursedir, GradingKernelManager, "cpu_seconds") == \
        GradingKernelManager.class_traits()["cpu_seconds"].default_value


# -- repairs ---------------------------------------------------------------------------------------
def test_a_copied_cell_keeps_the_first_id_and_a_cell_without_id_runs_plainly():
    from threadlab.grading.repair import RepairCells, repairs

    def graded_cell(grade_id, source):
        return new_code_cell(source, metadata={"nbgrader": {"grade_id": grade_id, "grade": True, "locked": True,
                                                            "solution": False, "points": 1}})
    nb = new_notebook(cells=[graded_cell("t", "first"), graded_cell("t", "copy"), graded_cell("", "no id"),
                             new_code_cell("plain")])
    nb, _ = RepairCells().preprocess(nb, {})
    kept = [(c.cell_type, c.source, c.metadata.get("nbgrader", {}).get("grade_id")) for c in nb.cells]
    assert [k for k in kept if k[0] == "code"] == [("code", "first", "t"), ("code", "copy", None),
                                                   ("code", "no id", None), ("code", "plain", None)]
    assert [c.source.startswith("**Note from the grader") for c in nb.cells] == [False, True, False, True, False, False]
    assert repairs(nb) == ["this cell was a copy of the cell with grade id 't'; it ran as an ordinary cell "
                           "(the first one is graded)", "this cell's grading metadata had no grade id; it ran as "
                           "an ordinary cell"]
