"""A class graded into a real PostgreSQL gradebook: two shards at once leave what one unsharded run leaves.

Needs THREADLAB_TEST_PG_URL (tools/start-postgres.sh prints one; .ci/run sets it). Without it these tests
skip, except where THREADLAB_REQUIRE_PG=1 (CI): there a missing database is a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from threadlab.grading.classgrade import shard_of
from threadlab.grading.course import REPO
from threadlab.grading.sandbox import sandbox_problem

from .course import ASSIGNMENT, answer, make_course, submit

pytestmark = pytest.mark.xdist_group("postgres")
BOUND = 300  # seconds a grading command may take (never reached when all is well)
SERIAL = "def run_all(funcs):\n    for f in funcs:\n        f()"
# alice and dave fall in shard 1 of 2, bob and carol in shard 0 (asserted below: the test needs both non-empty)
CLASS = {"alice": {}, "bob": {"threads": SERIAL}, "carol": {"echo": None}, "dave": {}}


def postgres_url() -> str:
    url = os.environ.get("THREADLAB_TEST_PG_URL")
    if not url:
        if os.environ.get("THREADLAB_REQUIRE_PG") == "1":
            pytest.fail("THREADLAB_REQUIRE_PG=1 but THREADLAB_TEST_PG_URL is not set: run tools/start-postgres.sh")
        pytest.skip("no PostgreSQL: set THREADLAB_TEST_PG_URL (tools/start-postgres.sh prints one)")
    return url


@pytest.fixture(scope="module")
def databases():
    """Two new, empty databases on the test server; dropped afterwards."""
    server = make_url(postgres_url())
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    names = [f"threadlab_test_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield [server.set(database=name).render_as_string(hide_password=False) for name in names]
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def course_on(root: Path, db_url: str) -> Path:
    config = root.parent / f"{root.name}_config.py"
    config.write_text((REPO / "nbgrader_config.py").read_text() + f"\nc.CourseDirectory.db_url = {db_url!r}\n")
    course = make_course(root, config=config)
    for student, changes in CLASS.items():
        notebooks = {}
        for name in ("threads", "echo"):
            code = changes.get(name, "")
            notebooks[f"{name}.ipynb"] = None if code is None else answer(
                course, name, {f"{name}-run-all": code} if code else None)
        submit(course, student, notebooks)
    return course


def grade(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "threadlab", "grade", ASSIGNMENT, "--course", str(root),
                             "--jobs", "1", *args], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


def finished(process: subprocess.Popen) -> str:
    output, _ = process.communicate(timeout=BOUND)
    assert process.returncode in (0, 1), f"threadlab grade failed ({process.returncode}):\n{output}"
    return output


def gradebook(db_url: str) -> dict:
    """Every row a grading run writes, by natural key (no database ids), plus the row counts."""
    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT s.id, n.name, c.name, g.auto_score FROM grade g "
            "JOIN submitted_notebook sn ON g.notebook_id = sn.id JOIN submitted_assignment sa ON sn.assignment_id = sa.id "
            "JOIN notebook n ON sn.notebook_id = n.id JOIN base_cell c ON g.cell_id = c.id "
            "JOIN student s ON sa.student_id = s.id")).all()
        counts = {table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                  for table in ("student", "submitted_assignment", "submitted_notebook", "grade", "comment",
                                "course", "alembic_version")}
    engine.dispose()
    return {"scores": sorted(rows), "counts": counts}


@pytest.fixture(scope="module")
def graded(databases, tmp_path_factory):
    if sandbox_problem():
        pytest.skip(f"the sandbox cannot run here: {sandbox_problem()}")
    assert {shard_of(s, 2) for s in CLASS} == {0, 1}, "the class must put students in both shards"
    base = tmp_path_factory.mktemp("postgres class")
    whole, sharded = course_on(base / "whole", databases[0]), course_on(base / "sharded", databases[1])
    finished(grade(whole))
    shards = [grade(sharded, "--shard", f"{i}/2") for i in range(2)]  # both running at once
    outputs = [finished(p) for p in shards]
    return gradebook(databases[0]), gradebook(databases[1]), outputs


def test_a_class_grades_into_postgresql(graded):
    whole, _, _ = graded
    scores = {(student, notebook, cell): score for student, notebook, cell, score in whole["scores"]}
    assert scores[("alice", "threads", "threads-run-all-test-concurrent")] == 1
    assert scores[("bob", "threads", "threads-run-all-test-concurrent")] == 0, "a serial run_all must lose the hidden test"
    assert scores[("bob", "threads", "threads-run-all-test-runs")] == 1
    assert scores[("carol", "echo", "echo-echo-once-test-echo")] == 0, "a missing notebook scores 0"
    assert whole["counts"]["student"] == len(CLASS) and whole["counts"]["submitted_assignment"] == len(CLASS)


def test_two_shards_at_once_leave_the_unsharded_gradebook(graded):
    whole, sharded, outputs = graded
    for i, output in enumerate(outputs):
        mine = sorted(s for s in CLASS if shard_of(s, 2) == i)
        assert all(s in output for s in mine), f"shard {i}/2 did not report {mine}:\n{output}"
    assert sharded["scores"] == whole["scores"], "the sharded gradebook's scores differ from the unsharded run's"
    assert sharded["counts"] == whole["counts"], "duplicate or missing rows after sharded grading"
    assert whole["counts"]["alembic_version"] == 1
