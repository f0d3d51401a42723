"""Each line of nbgrader_config.py prevents a failure: shown with real `nbgrader autograde` runs.

Runs plain nbgrader (no sandbox) on harmless-but-broken submissions only: a spin that ignores SIGINT
(killed with its kernel at shutdown) and deleted test cells. Never put a bomb here.
"""

import re

from nbgrader.api import Gradebook, MissingEntry
import pytest

from threadlab.build import run_nbgrader

from .grading.course import ASSIGNMENT, answer, make_course, submit

SPIN_DEAF = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"
FAST = ["--Execute.timeout=3", "--Execute.iopub_timeout=2"]


def config_value(root, name):
    return re.search(rf"^c\.{re.escape(name)} = (.+)$", (root / "nbgrader_config.py").read_text(), re.M).group(1)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = make_course(tmp_path_factory.mktemp("config-course"))
    submit(root, "deaf", {"threads.ipynb": answer(root, "threads", {"threads-run-all": SPIN_DEAF}),
                          "echo.ipynb": answer(root, "echo")})
    no_tests = answer(root, "echo", reference=False)
    no_tests.cells = [c for c in no_tests.cells if not c.metadata.get("nbgrader", {}).get("grade")]
    submit(root, "deleter", {"threads.ipynb": answer(root, "threads"), "echo.ipynb": no_tests})
    return root


def grade(root, student, *overrides):
    done = run_nbgrader(root, "autograde", ASSIGNMENT, "--student", student, "--force", *FAST, *overrides,
                        capture_output=True, text=True, timeout=300)
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        try:
            return done.returncode, {nb.name: nb.max_score for nb in gb.find_submission(ASSIGNMENT, student).notebooks}
        except MissingEntry:
            return done.returncode, None


def test_the_per_cell_timeout_is_finite(course):
    assert 0 < int(config_value(course, "Execute.timeout")) <= 30
    assert config_value(course, "Execute.interrupt_on_timeout") == "True"


def test_a_kernel_ignoring_sigint_aborts_the_submission_without_raise_on_iopub_timeout_false(course):
    assert config_value(course, "Execute.raise_on_iopub_timeout") == "False"
    graded = course / "autograded" / "deaf" / ASSIGNMENT / "threads.ipynb"
    rc, _ = grade(course, "deaf", "--Execute.raise_on_iopub_timeout=True")
    assert rc != 0 and not graded.exists(), "nbgrader's default graded the submission after all"
    rc, _ = grade(course, "deaf")
    assert rc == 0 and graded.exists()


def test_deleted_test_cells_go_ungraded_without_add_missing_cells(course):
    assert config_value(course, "OverwriteCells.add_missing_cells") == "True"
    _, scores = grade(course, "deleter", "--OverwriteCells.add_missing_cells=False")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        echo = gb.find_submission_notebook("echo", ASSIGNMENT, "deleter")
        ungraded_default = echo.score
    _, _ = grade(course, "deleter")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        echo = gb.find_submission_notebook("echo", ASSIGNMENT, "deleter")
        assert echo.score == 0
        assert any(g.auto_score == 0 for g in echo.grades)
    assert ungraded_default is not None


def test_shutdown_is_immediate(course):
    assert config_value(course, "Execute.shutdown_kernel") == '"immediate"'
