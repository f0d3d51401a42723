"""The grading engine is nbgrader's autograde: same scores, same restore, the course's settings.

The engine (`threadlab.grading.engine`) grades the learner's "check my work" and every fixture in
tests/submissions; here it is held to what `nbgrader autograde` does with the same course.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from threadlab.grading.course import run_nbgrader
from threadlab.grading.engine import course_config, grade
from threadlab.grading.execute import BUDGET
from threadlab.grading.sandbox import sandbox_problem

from .course import ASSIGNMENT, RUN_ALL, answer, make_course, submit

pytestmark = pytest.mark.xdist_group("grading-engine")

SERIAL = '''\
def run_all(funcs):
    """Run each function in its own thread; return when all have finished."""
    for i, f in enumerate(funcs):
        t = threading.Thread(target=f, name=f"worker-{i}")
        t.start()
        t.join()'''
LOUD = RUN_ALL.replace("    ### END SOLUTION", "    print(('x' * 69 + '\\n') * 1_000)\n    ### END SOLUTION")


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    return make_course(tmp_path_factory.mktemp("engine course"))


def source(course: Path) -> Path:
    return course / "source" / ASSIGNMENT / "threads.ipynb"


def scores(results) -> dict[str, float]:
    return {r.grade_id: r.points for r in results}


def test_engine_and_nbgrader_autograde_give_the_same_scores(course):
    nb = answer(course, "threads", {"threads-run-all": SERIAL})
    engine, _ = grade(nb, source(course), course_config(course))
    submit(course, "serial", {"threads.ipynb": nb})
    done = run_nbgrader(course, "autograde", ASSIGNMENT, "--student", "serial", capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nbgrader = {g.name: g.score for g in gb.find_submission_notebook("threads", ASSIGNMENT, "serial").grades}
    assert scores(engine) == nbgrader == {"threads-run-all-test-runs": 1.0, "threads-run-all-test-concurrent": 0.0}
    (failed,) = [r for r in engine if r.points == 0]
    assert "one after another" in failed.message


def test_a_deleted_test_cell_is_put_back_and_graded(course):
    nb = answer(course, "threads")
    nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "threads-run-all-test-concurrent"]
    results, graded = grade(nb, source(course), course_config(course))
    assert scores(results) == {"threads-run-all-test-runs": 1.0, "threads-run-all-test-concurrent": 1.0}
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in graded.cells]
    assert ids.index("threads-run-all-test-concurrent") == ids.index("threads-run-all-test-runs") + 1  # where nbgrader puts it


def test_big_output_is_truncated_never_a_cheat(course):
    """A correct answer that prints 70 kB per call (zmq then starts its garbage-collector thread) keeps
    full marks; nbgrader's LimitOutput shortens what it printed."""
    results, graded = grade(answer(course, "threads", {"threads-run-all": LOUD}), source(course),
                            course_config(course))
    assert all(r.points == r.max_points for r in results), [r.message for r in results]
    text = "".join(o.get("text", "") for c in graded.cells for o in c.get("outputs", []))
    assert "changed how the tests run" not in text
    assert "... Output truncated ..." in text


def test_settings_come_from_the_course_config(course, tmp_path):
    """The engine runs BoundedExecute with nbgrader_config.py's values: a 1 s budget stops the notebook."""
    strict = tmp_path / "strict course"
    shutil.copytree(course / "source", strict / "source")
    config = (course / "nbgrader_config.py").read_text() + "\nc.BoundedExecute.budget = 1\n"
    (strict / "nbgrader_config.py").write_text(config)
    slow = RUN_ALL.replace("    ### END SOLUTION", "    time.sleep(2)\n    ### END SOLUTION")
    nb = answer(course, "threads", {"threads-run-all": "import time\n" + slow})
    results, _ = grade(nb, source(strict), course_config(strict))
    assert all(r.points == 0 for r in results)
    assert any(BUDGET.format(budget=1) in r.message for r in results), [r.message for r in results]


def test_self_check_runs_sandboxed_where_the_sandbox_can_start(course):
    if sandbox_problem():
        pytest.skip(f"the sandbox cannot run here: {sandbox_problem()}")
    probe = RUN_ALL.replace("    ### END SOLUTION", "    print('uid', __import__('os').getuid())\n    ### END SOLUTION")
    _, graded = grade(answer(course, "threads", {"threads-run-all": probe}), source(course), course_config(course))
    text = "".join(o.get("text", "") for c in graded.cells for o in c.get("outputs", []))
    assert "uid 0" not in text and "uid 25" in text
