"""A tiny threads course in a temporary directory, and submissions made from it.

Two notebooks, so a disaster in one can be seen not to touch the other:
- threads.ipynb: `run_all(funcs)` (visible test: runs them all; hidden test: concurrently);
- echo.ipynb: `echo_once(data)`, a TCP echo over 127.0.0.1:0 (the sandbox keeps loopback).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from threadlab.grading.course import scratch_course
from threadlab.grading.sandbox import UID_BASE, UID_POOL, processes_of

ASSIGNMENT = "threads"
SECRET = "HIDDEN_SECRET_7f3a"  # appears only in a hidden test: it must never reach a student

RUN_ALL = '''\
def run_all(funcs):
    """Run each function in its own thread; return when all have finished."""
    ### BEGIN SOLUTION
    threads = [threading.Thread(target=f, name=f"worker-{i}") for i, f in enumerate(funcs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ### END SOLUTION'''

ECHO_ONCE = '''\
def echo_once(data):
    """Serve one echo on 127.0.0.1:0 in a thread, send `data` to it, return what comes back."""
    ### BEGIN SOLUTION
    server = socket.create_server(("127.0.0.1", 0))
    def serve():
        conn, _ = server.accept()
        with conn:
            conn.sendall(conn.recv(1024))
    t = threading.Thread(target=serve, name="echo-server")
    t.start()
    with socket.create_connection(server.getsockname(), timeout=3) as client:
        client.sendall(data)
        answer = client.recv(1024)
    t.join(3)
    server.close()
    return answer
    ### END SOLUTION'''


def meta(grade_id: str, *, solution=False, grade=False, locked=False, points=0) -> dict:
    m = {"grade_id": grade_id, "solution": solution, "grade": grade, "locked": locked, "schema_version": 3}
    if grade:
        m["points"] = points
    return {"nbgrader": m}


def threads_notebook():
    cells = [
        new_markdown_cell("# Threads\nRun functions in threads."),
        new_code_cell("import threading", metadata=meta("threads-imports", locked=True)),
        new_code_cell(RUN_ALL, metadata=meta("threads-run-all", solution=True)),
        new_code_cell(
            "from threadlab.testing import call_with_timeout, expect\n"
            "seen = []\n"
            "call_with_timeout(run_all, [lambda: seen.append(1)] * 3, timeout=3)\n"
            "expect(seen == [1, 1, 1], 'run_all must call every function once')",
            metadata=meta("threads-run-all-test-runs", grade=True, locked=True, points=1)),
        new_code_cell(
            "from threadlab.testing import call_with_timeout, expect\n"
            "import threading\n"
            "### BEGIN HIDDEN TESTS\n"
            f"# {SECRET}\n"
            "barrier = threading.Barrier(3, timeout=2)\n"
            "met = []\n"
            "def meet_hidden_check():\n"
            "    barrier.wait()\n"
            "    met.append(1)\n"
            "call_with_timeout(run_all, [meet_hidden_check] * 3, timeout=5)\n"
            "expect(len(met) == 3, 'run_all ran the functions one after another: start them all, then join them all')\n"
            "### END HIDDEN TESTS",
            metadata=meta("threads-run-all-test-concurrent", grade=True, locked=True, points=1)),
    ]
    return new_notebook(cells=cells, metadata=KERNEL)


def echo_notebook():
    cells = [
        new_code_cell("import socket\nimport threading", metadata=meta("echo-imports", locked=True)),
        new_code_cell(ECHO_ONCE, metadata=meta("echo-echo-once", solution=True)),
        new_code_cell(
            "from threadlab.testing import call_with_timeout, expect\n"
            "expect(call_with_timeout(echo_once, b'ping', timeout=5) == b'ping', 'echo_once must return the echo')",
            metadata=meta("echo-echo-once-test-echo", grade=True, locked=True, points=1)),
    ]
    return new_notebook(cells=cells, metadata=KERNEL)


KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
          "language_info": {"name": "python"}}
NOTEBOOKS = {"threads": threads_notebook, "echo": echo_notebook}
SOLUTIONS = {"threads": {"threads-run-all": RUN_ALL}, "echo": {"echo-echo-once": ECHO_ONCE}}
MAX_SCORE = {"threads": 2.0, "echo": 1.0}


def make_course(root: Path, **config) -> Path:
    """A course directory with the repo's nbgrader_config.py (or `config=`) and the released assignment."""
    for name, build in NOTEBOOKS.items():
        path = root / "source" / ASSIGNMENT / f"{name}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(build(), path)
    return scratch_course(root, **config)


def answer(root: Path, notebook: str, replace: dict[str, str] | None = None, reference: bool = True):
    """The released notebook with answers: the reference ones (or none), then `replace` by grade id."""
    nb = nbformat.read(root / "release" / ASSIGNMENT / f"{notebook}.ipynb", as_version=4)
    code = dict(SOLUTIONS[notebook]) if reference else {}
    code.update(replace or {})
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in code:
            cell.source = code[grade_id]
    return nb


def submit(root: Path, student: str, notebooks: dict[str, object]) -> Path:
    """Write a student's submission; values are NotebookNodes, raw text/bytes, or None (left out)."""
    folder = root / "submitted" / student / ASSIGNMENT
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, content in notebooks.items():
        path = folder / name
        if content is None:
            continue
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content)
        else:
            nbformat.write(content, path)
    return folder


def leftover_processes(root: Path) -> list[int]:
    """Sandbox processes still running that started in this course's working copies.

    Other test modules grade their own courses in parallel with uids from the same pool,
    so only processes whose working directory lies under `root` count.
    """
    def started_here(pid: int) -> bool:
        try:
            return os.readlink(f"/proc/{pid}/cwd").startswith(str(root))
        except OSError:  # it ended meanwhile
            return False

    return [pid for uid in range(UID_BASE, UID_BASE + UID_POOL) for pid in processes_of(uid) if started_here(pid)]


def reported(root: Path, student: str, notebook: str, key: str) -> str | None:
    """What the student's code printed as `key=value` (the first time) in its graded notebook: files it
    writes into its working copy end with its kernel."""
    nb = nbformat.read(root / "autograded" / student / ASSIGNMENT / f"{notebook}.ipynb", as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for line in output.get("text", "").splitlines():
                if line.startswith(key + "="):
                    return line[len(key) + 1:]
    return None


def marks(result) -> dict[str, tuple[float, float]]:
    """notebook → (score, max score) of one graded submission."""
    return {name: (nb.score, nb.max_score) for name, nb in result.notebooks.items()}
