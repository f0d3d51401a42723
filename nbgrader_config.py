"""nbgrader settings for the threadlab course. Each setting names the failure it prevents."""

import os

from threadlab.grading.execute import AUTOGRADE_PREPROCESSORS
from threadlab.grading.repair import SANITIZE_PREPROCESSORS

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "threadlab"
# Grading output stays out of git; release/ is generated and committed.
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
# nbgrader's default exchange (/usr/local/share/nbgrader/exchange) does not exist on a fresh machine, so
# release, fetch, submit and collect fail: use the course's own exchange/ (`make setup` creates it, and
# `nbgrader release_assignment` would), or the directory THREADLAB_EXCHANGE names.
c.Exchange.root = os.environ.get("THREADLAB_EXCHANGE") or os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                        "exchange")

# A spin or deadlock in one cell is interrupted after this many seconds: it costs that
# cell, not the whole run (nbgrader's default of 30 s per cell makes hostile notebooks slow).
c.Execute.timeout = 15
# Interrupt, don't abort, on a cell timeout: with False the first timeout aborts the submission.
c.Execute.interrupt_on_timeout = True
# A kernel that ignores SIGINT and spins otherwise aborts the whole submission with no grade;
# with False, the silent cell is graded 0 and grading goes on.
c.Execute.raise_on_iopub_timeout = False
# A leaked non-daemon thread otherwise costs ~2.5 s per notebook while the kernel is asked to stop.
c.Execute.shutdown_kernel = "immediate"
# A student who deletes a test cell would otherwise be silently ungraded on it: put it back.
c.OverwriteCells.add_missing_cells = True
# A copied cell (same grade id twice) otherwise gets no grade at all (nbgrader's DeduplicateIds empties the
# original's metadata and OverwriteCells crashes): the first keeps its id, the copy runs as an ordinary cell.
c.Autograde.sanitize_preprocessors = SANITIZE_PREPROCESSORS

# Plain `nbgrader autograde` (CLI or formgrader) would run student code with the instructor's rights
# (read source/, rewrite gradebook.db, leave processes) and let one dead or deaf kernel sink the whole
# submission: run each notebook in threadlab's sandboxed kernel with a time budget instead, with the
# guard that keeps tampered test helpers from scoring (docs/grading.md). nbgrader's own order otherwise.
c.Autograde.autograde_preprocessors = AUTOGRADE_PREPROCESSORS
# Without bubblewrap, or not as root, the sandbox cannot start: autograde then fails for each student
# with "refusing to grade" and writes no grade. THREADLAB_UNSANDBOXED=1 opts out (trusted code only;
# every notebook logs a loud warning).
c.BoundedExecute.sandbox = os.environ.get("THREADLAB_UNSANDBOXED") != "1"
# The gradebook: nbgrader's SQLite gradebook.db in the course, unless THREADLAB_DB_URL names another
# (postgresql+psycopg://user:password@host/db: shards on several machines share one; deploy/README.md).
if os.environ.get("THREADLAB_DB_URL"):
    c.CourseDirectory.db_url = os.environ["THREADLAB_DB_URL"]
