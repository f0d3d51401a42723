"""Several graders writing one gradebook at once (shards on many machines, two commands on one).

nbgrader's Gradebook makes rows on first use with a find-then-insert, not atomically: the schema and its
`alembic_version` row when the database is empty, the course row in every `Gradebook(url, course)`
(nbgrader's `check_course`), and a student in `update_or_create_student`. Two shards starting together
on a new PostgreSQL gradebook both see "missing" and both insert: one fails with an IntegrityError (its
whole shard then grades no one) or `alembic_version` gets two rows. So each grading run makes those
shared rows first, one run at a time (`exclusive`), before any submission is graded; after that every
write a worker makes belongs to one submission, which only its own shard grades.
"""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from pathlib import Path

from nbgrader.api import Gradebook
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

# pg_advisory_lock key: any fixed 64-bit number that other applications sharing the database don't use
LOCK_KEY = 0x7468726561646C61  # "threadla"
DEFAULT_COURSE = "default_course"  # what nbgrader's Gradebook(url) checks for when no course is given


@contextmanager
def exclusive(db_url: str):
    """Hold the gradebook's grader lock: a PostgreSQL advisory lock (held by this connection, released
    when it ends, even if the process dies), or an flock beside an SQLite file."""
    url = make_url(db_url)
    if url.get_backend_name() == "postgresql":
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": LOCK_KEY})
                try:
                    yield
                finally:
                    conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
        finally:
            engine.dispose()
    elif url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        with open(Path(url.database).with_name(Path(url.database).name + ".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield
    else:
        yield


def prepare(db_url: str, course_id: str, students: set[str]) -> None:
    """Make, under the lock, every row that more than one grading run could insert: the schema, both
    course rows (threadlab's helpers open Gradebook(url) as well as nbgrader's Gradebook(url, course))
    and each student to be graded."""
    with exclusive(db_url):
        with Gradebook(db_url, DEFAULT_COURSE):
            pass
        with Gradebook(db_url, course_id) as gb:
            for student in sorted(students):
                gb.update_or_create_student(student)
