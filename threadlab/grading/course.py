"""A course directory as nbgrader sees it: its settings, running nbgrader in it, a scratch course.

`run_nbgrader` is the one way threadlab runs an nbgrader command (the build, the tests, the benchmarks);
`scratch_course` is the one way a throwaway course is made from source notebooks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from nbgrader.coursedir import CourseDirectory

from .engine import course_config

REPO = Path(__file__).resolve().parents[2]


def nbgrader_env() -> dict[str, str]:
    """This interpreter's tools first on PATH: nbgrader runs `alembic` by name, which a virtualenv
    only provides on its own PATH."""
    return dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")


def run_nbgrader(root: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    """Run an nbgrader command in the course directory `root`."""
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=root, env=nbgrader_env(), **kwargs)


def assignments(root: Path) -> list[str]:
    """The assignments under source/ (folders holding a notebook)."""
    return sorted(p.name for p in (root / "source").iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def generate(root: Path, assignment: str, **kwargs) -> None:
    """`nbgrader generate_assignment`: release/<assignment> and the gradebook's copy of the tests."""
    run_nbgrader(root, "generate_assignment", assignment, "--force", "--log-level=WARN", check=True, **kwargs)


def scratch_course(root: Path, *sources: Path, config: Path = REPO / "nbgrader_config.py") -> Path:
    """A course at `root`: the course's nbgrader_config.py, each folder of `sources` copied to
    source/<its name>, and every assignment under source/ generated (notebooks written there before
    the call count too)."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(config, root / "nbgrader_config.py")
    for folder in sources:
        shutil.copytree(folder, root / "source" / folder.name, dirs_exist_ok=True)
    for assignment in assignments(root):
        generate(root, assignment, capture_output=True)
    return root


def course_directory(root: Path) -> CourseDirectory:
    """The course's nbgrader settings (db_url, directory names), read from its nbgrader_config.py."""
    coursedir = CourseDirectory(config=course_config(root))
    coursedir.root = str(root)
    return coursedir


def course_setting(coursedir: CourseDirectory, cls, trait: str):
    """A setting as the course has it: nbgrader_config.py, else the trait's default."""
    return getattr(cls(config=coursedir.config), trait)
