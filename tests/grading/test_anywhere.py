"""Grading works wherever the course and its venv live, and beside other graders on the machine.

Everything here lives under /tmp, in directories whose names have spaces: the sandbox's private
/tmp must not hide them. The venv imports threadlab from a checkout of its own, while the course
directory has another copy beside nbgrader_config.py (which the grading process imports).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from threadlab.grading.sandbox import UidLease, kernel_imports, sandbox_problem, system_mounts

from .course import ASSIGNMENT, MAX_SCORE, RUN_ALL, answer, make_course, reported, submit

pytestmark = pytest.mark.xdist_group("grading-anywhere")

REPO = Path(__file__).resolve().parents[2]
WHERE = RUN_ALL.replace("    ### END SOLUTION",
                        "    import threadlab\n    print('where=' + threadlab.__file__)\n    ### END SOLUTION")


def copy_package(dest: Path, origin: str) -> Path:
    shutil.copytree(REPO / "threadlab", dest / "threadlab", ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "threadlab" / "_origin.py").write_text(f"ORIGIN = {origin!r}\n")
    return dest


def make_venv(where: Path, checkout: Path) -> Path:
    """A venv anywhere: this run's packages (a .pth), threadlab from `checkout`."""
    subprocess.run([sys._base_executable, "-m", "venv", "--without-pip", str(where)], check=True)
    python = where / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "threadlab-test.pth").write_text(f"{sysconfig.get_paths()['purelib']}\n{checkout}\n")
    return python


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    if sandbox_problem():
        pytest.skip(f"the sandbox cannot run here: {sandbox_problem()}")
    base = tmp_path_factory.mktemp("grading anywhere")
    checkout = copy_package(base / "other checkout", "checkout")
    python = make_venv(base / "a venv", checkout)
    courses = []
    for name in ("course one", "course two"):
        course = copy_package(make_course(base / name), "course")
        for n in range(2):
            submit(course, f"student {n}".replace(" ", "-"),
                   {"threads.ipynb": answer(course, "threads", {"threads-run-all": WHERE}),
                    "echo.ipynb": answer(course, "echo")})
        courses.append(course)
    # Two graders at once, each with a TMPDIR of its own (under /tmp, with a space).
    runs = [grader(python, course, base / f"tmp {n}") for n, course in enumerate(courses)]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    return base, python, checkout, courses, [(run.returncode, output) for run, output in zip(runs, outputs)]


def grader(python: Path, course: Path, tmpdir: Path) -> subprocess.Popen:
    tmpdir.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmpdir),
           "PATH": f"{python.parent}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.Popen([python, "-m", "threadlab.grading", "autograde", ASSIGNMENT, "--jobs", "2"],
                            cwd=course, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_two_graders_with_their_own_temp_dirs_grade_at_once(place):
    """Venv, course and TMPDIR under /tmp with spaces; two graders at once, each with its TMPDIR."""
    base, python, checkout, courses, graded = place
    for (returncode, output), course in zip(graded, courses):
        assert returncode == 0, output[-3000:]
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
            scores = {s.student.id: s.score for s in gb.find_assignment(ASSIGNMENT).submissions}
        assert scores == {f"student-{n}": sum(MAX_SCORE.values()) for n in range(2)}, output[-3000:]


def test_the_kernel_imports_what_its_interpreter_resolves(place):
    """The grading process imports the course's threadlab; the kernel the one its venv points at."""
    base, python, checkout, courses, _ = place
    assert reported(courses[0], "student-0", "threads", "where") == str(checkout / "threadlab" / "__init__.py")


def test_what_the_sandbox_cannot_read_is_named(place):
    base, python, checkout, courses, _ = place
    hidden = base / "private checkout"
    copy_package(hidden, "private")
    os.chmod(hidden, 0o700)
    venv = make_venv(base / "private venv", hidden)
    kernel_imports.cache_clear()
    with pytest.raises(RuntimeError, match=f"could not read {hidden} \\(mode 0700\\)"):
        system_mounts(str(venv), 1 << 20)


def test_uid_leases_are_machine_wide_whatever_the_temp_dir(tmp_path):
    """Two processes with different TMPDIRs never hold the same sandbox uid."""
    if os.geteuid() != 0:
        pytest.skip("leasing sandbox uids needs root")
    hold = "from threadlab.grading.sandbox import UidLease\nprint(UidLease().uid, flush=True)\ninput()\n"
    holders = []
    for n in range(2):
        (tmp_path / f"t{n}").mkdir()
        holders.append(subprocess.Popen([sys.executable, "-c", hold], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, env={**os.environ, "TMPDIR": str(tmp_path / f"t{n}")}))
    try:
        uids = [int(h.stdout.readline()) for h in holders]
    finally:
        for h in holders:
            h.communicate("\n", timeout=30)
    assert uids[0] != uids[1]


def test_a_lock_dir_others_can_write_is_refused(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    with pytest.raises(RuntimeError, match="writable by no one else"):
        UidLease(shared)
