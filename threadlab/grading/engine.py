"""The one grading engine: nbgrader's own autograde pipeline, in-process, on one notebook.

`nbgrader autograde` runs two lists of preprocessors on a submission: the sanitizing ones
(restore locked cells from the gradebook, put back deleted tests) and the course's
`Autograde.autograde_preprocessors` (here `BoundedExecute`, then nbgrader's scoring). This module
runs exactly those lists, with every setting read from the course's nbgrader_config.py, against a
private gradebook made from the source notebook by nbgrader's own generate_assignment steps. So a
learner's "check my work", the test suite's fixtures and an instructor's autograde score a notebook
by the same code: same restore, same cell timeout and budget, same guard, same output rules.

The kernel is sandboxed where the sandbox can start; otherwise it runs plainly, since a learner
grades their own code (the course's `THREADLAB_UNSANDBOXED` rule applies to autograde).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sys
import tempfile
import threading
import warnings
from unittest import mock
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook
from nbgrader.converters import Autograde, GenerateAssignment
from nbgrader.preprocessors import SaveCells
from nbgrader.utils import is_grade, is_solution
from sqlalchemy.exc import SAWarning
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader
from traitlets.utils.importstring import import_item

from .sandbox import sandbox_problem

STUDENT = "learner"
log = logging.getLogger("threadlab.grading")
log.addHandler(logging.NullHandler())  # nbgrader's notices (checksums) only where an app asks for logs


@dataclass
class CellScore:
    grade_id: str
    points: float
    max_points: float
    message: str  # the failing test's last error line, "" when it passed


def course_config(root: Path) -> Config:
    """The course's nbgrader settings (nbgrader_config.py), as nbgrader itself loads them."""
    if not (root / "nbgrader_config.py").exists():
        return Config()
    return PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _preprocessors(names, config: Config) -> list:
    made = []
    for item in names:
        cls = import_item(item) if isinstance(item, str) else item
        pp = cls(config=config)  # `enabled` as nbgrader leaves it (nbconvert's ClearMetadata stays off)
        pp.log = log
        made.append(pp)
    return made


def _run(preprocessors, nb, resources):
    for pp in preprocessors:
        nb, resources = pp(nb, resources)
    return nb, resources


_templates: dict[str, bytes] = {}
_templates_lock = threading.Lock()  # graders in threads share the cache, and PATH while one is made


def only_exercise(nb, exercise: str):
    """`nb` without the test cells of the other exercises (an exercise's are `<exercise>-test-<what>`)."""
    nb = nbformat.from_dict(nb)
    nb.cells = [c for c in nb.cells if not (is_grade(c) and not is_solution(c))
                or nbgrader_meta(c)["grade_id"].startswith(f"{exercise}-test-")]
    return nb


def _gradebook(source: Path, config: Config, db: Path, exercise: str | None) -> None:
    """A gradebook at `db` holding the source notebook as generate_assignment saves it (hidden tests
    included), and one submission to grade. Made once per source text and exercise, then copied."""
    text = source.read_bytes()
    key = hashlib.sha256(text + f"\0{exercise or ''}".encode()).hexdigest()
    with _templates_lock:
        if key not in _templates:
            if exercise:
                text = nbformat.writes(only_exercise(nbformat.reads(text.decode(), as_version=4), exercise)).encode()
            _templates[key] = _template(source, text, config)
    db.write_bytes(_templates[key])


def _template(source: Path, text: bytes, config: Config) -> bytes:
    """The gradebook file itself, made by nbgrader's generate_assignment steps on the source."""
    with tempfile.TemporaryDirectory(prefix="threadlab-gradebook-") as scratch:
        url = f"sqlite:///{scratch}/gradebook.db"
        assignment, notebook = source.parent.name, source.stem
        # a new gradebook runs `alembic` by name, which a virtualenv only has on its own PATH
        path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
        with mock.patch.dict(os.environ, PATH=path), Gradebook(url) as gb:
            gb.update_or_create_assignment(assignment)
        steps = GenerateAssignment.class_traits()["preprocessors"].default()
        steps = steps[:steps.index(SaveCells) + 1]  # what generate_assignment saves, hidden tests included
        resources = {"nbgrader": {"db_url": url, "assignment": assignment, "notebook": notebook}}
        _run(_preprocessors(steps, config), nbformat.reads(text.decode(), as_version=4), resources)
        with Gradebook(url) as gb, warnings.catch_warnings():
            warnings.simplefilter("ignore", SAWarning)  # nbgrader's own autoflush notices
            gb.update_or_create_student(STUDENT)
            gb.update_or_create_submission(assignment, STUDENT)
        return Path(scratch, "gradebook.db").read_bytes()


def _message(cell) -> str:
    outputs = cell.get("outputs", [])
    errors = [o for o in outputs if o.output_type == "error"]
    if errors:
        return f"{errors[-1].ename}: {errors[-1].evalue}"
    stderr = [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    if stderr:
        return "wrote to stderr: " + (stderr[0].text.strip().splitlines() or [""])[-1][:200]
    return ""


def grade(submission, source: Path, config: Config, sandbox: bool | None = None,
          exercise: str | None = None) -> tuple[list[CellScore], object]:
    """Autograde `submission` (a NotebookNode) against the source notebook at `source`.

    Returns the score of each autograded test cell and the graded notebook (its outputs are the
    learner's feedback). `sandbox=None` means: as the course says, where the sandbox can start.
    `exercise` (a solution cell's grade id) grades only that exercise's tests, as if the notebook
    had no others.
    """
    config = Config(config)
    wanted = config.BoundedExecute.get("sandbox", True) if sandbox is None else sandbox
    config.BoundedExecute.sandbox = bool(wanted) and sandbox_problem() is None
    assignment, notebook = source.parent.name, source.stem
    with tempfile.TemporaryDirectory(prefix="threadlab-grade-") as scratch:
        db = Path(scratch, "gradebook.db")
        _gradebook(source, config, db, exercise)
        workdir = Path(scratch, assignment)  # the kernel's working copy, as autograded/<student>/<assignment>
        workdir.mkdir()
        for extra in source.parent.iterdir():  # nbgrader copies the assignment's other files over too
            if extra.is_file() and not extra.is_symlink() and extra.suffix != ".ipynb":
                shutil.copyfile(extra, workdir / extra.name)
        resources = {"nbgrader": {"db_url": f"sqlite:///{db}", "assignment": assignment, "notebook": notebook,
                                  "student": STUDENT},
                     "metadata": {"path": str(workdir)}}
        app = Autograde(config=config)
        nb = only_exercise(submission, exercise) if exercise else nbformat.from_dict(submission)
        nb, resources = _run(_preprocessors(app.sanitize_preprocessors, config), nb, resources)
        nb, resources = _run(_preprocessors(app.autograde_preprocessors, config), nb, resources)
        with Gradebook(f"sqlite:///{db}") as gb:
            graded = {g.name: g for g in gb.find_submission_notebook(notebook, assignment, STUDENT).grades}
            tests = [(graded[nbgrader_meta(c)["grade_id"]], c) for c in nb.cells if is_grade(c) and not is_solution(c)]
            results = [CellScore(g.name, g.score, g.max_score, _message(c)) for g, c in tests]
    return results, nb


def grade_file(path: Path, source: Path, root: Path) -> list[CellScore]:
    """Scores of the notebook file at `path`, graded as the course at `root` grades it."""
    return grade(nbformat.read(path, as_version=4), source, course_config(root))[0]

