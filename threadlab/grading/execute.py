"""nbgrader's Execute with bounds: a time budget per notebook, and a dead or deaf kernel costs only
the rest of its own notebook.

nbgrader 0.9.6 alone: a kernel that dies (`os._exit`) raises DeadKernelError and the whole
submission gets no grade (the old one stays in the gradebook); a kernel that ignores the
interrupt makes every later cell wait its full timeout. Here, instead, the cells that could
not run get an error output that says why, so each of their tests scores 0 with a reason,
and grading goes on with the next notebook.

Cheats don't pay: around each test cell the kernel's guard (`guard.py`) restores what the tests
rely on, then verifies that the test ran with it; tampering while the test ran, or a guard that no
longer answers, scores the test 0 ("your code changed how the tests run"). Output cannot hide a
failure either: errors and stderr are never cleared or captured by a widget, and a result a
student's code displayed does not count as partial credit once the test failed.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from queue import Empty

from jupyter_core.utils import ensure_async, run_sync
from nbclient.exceptions import DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbformat.v4 import output_from_msg
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute
from nbgrader.utils import is_grade, is_solution
from traitlets import Bool, Integer, Unicode

from .guard_client import ask, relied_on
from .repair import repairs
from .sandbox import GradingKernelManager, SandboxedKernelManager, sandbox_problem
from .submissions import not_regular, unsafe_entries

KERNEL_DIED = "your code ended the Python process (os._exit, a crash, or a resource limit: memory, CPU time, threads)"
NO_INTERRUPT = "your code did not respond to interrupt after the cell's time limit, so the kernel was stopped"
BUDGET = "the notebook used up its time budget of {budget} s, so the remaining cells were not run"
TRUNCATED = "\n[output truncated: this cell printed more than {limit} bytes]\n"

# nbgrader's autograde preprocessors, in nbgrader's order, with BoundedExecute in place of Execute.
AUTOGRADE_PREPROCESSORS = [
    "threadlab.grading.execute.BoundedExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
TAMPERED = "your code changed how the tests run ({what}), so this test scores 0"
UNTRUSTED = "your code changed how the tests run (the grader's guard no longer answers), so the remaining tests score 0"
REFUSED = ("refusing to grade: the sandbox cannot run ({problem}). Student code would run with your rights. "
           "Fix that, or set THREADLAB_UNSANDBOXED=1 (trusted code only).")
UNSANDBOXED = ("GRADING UNSANDBOXED: student code runs with YOUR rights (it can read source/, change "
               "gradebook.db, use the network, leave processes). Only for code you trust.")
LINKED = "{name} is {kind}, not a notebook file: it was not graded"
FULL = ("your code filled its working space (the working copy and /tmp are {mb} MiB each; one file at most "
        "{file_mb} MiB): writes failed with \"{error}\"")
DISK_ERRORS = ("No space left on device", "File too large")
UNDONE = "Note: before this test the grader undid changes your code made to how tests run: {what}.\n"


def listing(items: list[str], most: int = 4) -> str:
    unique = list(dict.fromkeys(items))
    return ", ".join(unique[:most]) + (f" and {len(unique) - most} more" if len(unique) > most else "")


def is_test(cell) -> bool:
    return cell.cell_type == "code" and is_grade(cell) and not is_solution(cell)


def failed(output) -> bool:
    return output.get("output_type") == "error" or (output.get("output_type") == "stream"
                                                     and output.get("name") == "stderr")


class BoundedExecute(Execute):
    """Execute every cell in a (sandboxed) grading kernel within a per-notebook time budget."""

    sandbox = Bool(True, help="run the kernel in the bubblewrap sandbox").tag(config=True)
    budget = Integer(180, help="seconds a whole notebook may take (cells, interrupts, kernel start)").tag(config=True)
    interrupt_grace = Integer(5, help="seconds a kernel has to answer after an interrupt").tag(config=True)
    guard = Bool(True, help="restore and verify the test helpers around each test cell").tag(config=True)
    guard_timeout = Integer(10, help="seconds the kernel's guard has to answer").tag(config=True)
    max_output_bytes = Integer(200_000, help="output kept per cell; the rest is dropped").tag(config=True)
    events_file = Unicode("", help="append one JSON line here per notebook that hit a bound").tag(config=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kernel_manager_class = SandboxedKernelManager if self.sandbox else GradingKernelManager

    # -- the whole notebook -------------------------------------------------------------------
    def preprocess(self, nb, resources=None, km=None):
        if self.sandbox and (problem := sandbox_problem()):
            raise RuntimeError(REFUSED.format(problem=problem))  # nbgrader: this student fails, no grade
        if not self.sandbox:
            self.log.warning("!" * 20 + " %s " + "!" * 20, UNSANDBOXED)
        self._deadline = time.monotonic() + self.budget
        self._stopped: str | None = None
        self._output_bytes: dict[int, int] = {}
        self._failures: dict[int, list] = {}
        self.timeout_func = self._cell_timeout
        self._disk_full = False
        self.resources = resources or {}  # nbclient sets it too, later: `_record` names the notebook by it
        for what in repairs(nb):
            self._record(what)
        if problem := self._submitted_problem(resources or {}):
            self._stop(problem, nb.cells)
            return nb, resources
        try:
            return super().preprocess(nb, resources, km)
        except DeadKernelError:  # died outside a cell (e.g. at start): every cell is lost
            self._stop(KERNEL_DIED, nb.cells)
            return nb, self.resources

    def _submitted_problem(self, resources) -> str | None:
        """Under plain `nbgrader autograde` (threadlab's own command stages submissions first): nbgrader
        read the submitted notebook and copied the folder's other files following links, as root. A
        notebook that is a link is not graded; a copy of a link (the solutions, the gradebook) is removed
        from the working copy before the kernel can read it."""
        info = resources.get("nbgrader", {})
        workdir = resources.get("metadata", {}).get("path")
        if not (workdir and {"student", "assignment", "notebook"} <= info.keys()):
            return None
        coursedir = CourseDirectory(config=self.config)
        if os.path.realpath(coursedir.format_path(coursedir.autograded_directory, info["student"], info["assignment"])) \
                != os.path.realpath(workdir):
            return None  # not nbgrader's working copy (the engine grades a notebook held in memory)
        submitted = Path(coursedir.format_path(coursedir.submitted_directory, info["student"], info["assignment"]))
        if not submitted.is_dir():
            return None
        for relative, _ in unsafe_entries(submitted):
            copy = Path(workdir, relative)
            if os.path.lexists(copy) and not not_regular(copy) and copy.is_file():
                copy.unlink()
        name = f"{info['notebook']}.ipynb"
        kind = not_regular(submitted / name) if os.path.lexists(submitted / name) else None
        return LINKED.format(name=name, kind=kind) if kind else None

    def _cell_timeout(self, cell) -> int:
        remaining = self._deadline - time.monotonic()
        return max(1, int(min(self.timeout or self.budget, remaining)))

    # -- one cell -------------------------------------------------------------------------------
    def preprocess_cell(self, cell, resources, index):
        if self._stopped:
            self._mark(cell, self._stopped)
            return cell, resources
        if cell.cell_type == "code" and cell.source.strip() and time.monotonic() >= self._deadline:
            self._stop(BUDGET.format(budget=self.budget), [cell])
            return cell, resources
        guarded = self.guard and is_test(cell) and cell.source.strip()
        relied = relied_on(cell.source) if guarded else {}
        undone = run_sync(self._guarded)({"phase": "restore", **relied}, cell) if guarded else []
        if self._stopped:
            return cell, resources
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._stop(KERNEL_DIED, [cell])
            return cell, resources
        if cell.cell_type == "code":
            self._keep_failures(cell, index)
            self._note_full_disk(cell)
        if guarded:
            self._after_test(cell, relied, undone)
        if any(o.get("ename") == "CellTimeoutError" for o in cell.get("outputs", [])):
            if time.monotonic() >= self._deadline:
                self._stop(BUDGET.format(budget=self.budget), [])
            elif not run_sync(self._answers)():
                self._stop(NO_INTERRUPT, [])
                cell.outputs.append(self._error(NO_INTERRUPT))
        return cell, resources

    def _note_full_disk(self, cell) -> None:
        """One line per notebook when the student's code hit the working copy's size or file size limit."""
        if self._disk_full:
            return
        text = "".join(o.get("evalue", "") + o.get("text", "") for o in cell.get("outputs", []))
        if error := next((e for e in DISK_ERRORS if e in text), None):
            self._disk_full = True
            km = self.km if isinstance(self.km, SandboxedKernelManager) else SandboxedKernelManager(config=self.config)
            self._record(FULL.format(mb=km.workdir_mb, file_mb=km.file_size_mb, error=error))

    def _after_test(self, cell, relied: dict, undone: list[str]) -> None:
        if undone:
            cell.outputs.insert(0, NotebookNode(output_type="stream", name="stdout",
                                                text=UNDONE.format(what=listing(undone))))
        if any(failed(o) for o in cell.outputs):  # a result shown by the student's code is no partial credit
            for output in cell.outputs:
                if output.output_type == "execute_result":
                    output.output_type = "display_data"
                    output.pop("execution_count", None)
        if self._stopped or any(o.get("ename") == "CellTimeoutError" for o in cell.outputs):
            return
        changed = run_sync(self._guarded)({"phase": "verify", **relied}, cell)
        if changed and not self._stopped:
            reason = TAMPERED.format(what=listing(changed))
            cell.outputs.append(self._error(reason))
            self._record(reason)

    async def _guarded(self, content: dict, cell) -> list[str]:
        """Ask the kernel's guard; what it found changed. No answer: the kernel is not trusted any more."""
        reply = await ask(self.kc, content, self.guard_timeout)
        if reply is not None and reply.get("status") == "ok":
            return list(reply.get("changed", []))
        alive = await ensure_async(self.km.is_alive()) if self.km is not None else False
        reason = UNTRUSTED if alive else KERNEL_DIED
        if reply is not None:
            self.log.warning("guard failed: %s", reply.get("error"))
        self._stop(reason, [cell] if content["phase"] == "restore" else [])
        if content["phase"] == "verify":
            cell.outputs.append(self._error(reason))
        return []

    async def _answers(self) -> bool:
        """Does the kernel answer a kernel_info request within the grace period?"""
        try:
            msg_id = await ensure_async(self.kc.kernel_info())
            deadline = time.monotonic() + self.interrupt_grace
            while (left := deadline - time.monotonic()) > 0:
                msg = await ensure_async(self.kc.shell_channel.get_msg(timeout=left))
                if msg["parent_header"].get("msg_id") == msg_id:
                    return True
        except (Empty, DeadKernelError, RuntimeError):
            return False
        return False

    def _stop(self, reason: str, cells) -> None:
        self._stopped = reason
        for cell in cells:
            self._mark(cell, reason)
        self._record(reason)
        if self.km is not None and reason != KERNEL_DIED:
            try:  # the kernel is deaf or over budget: end it now, with everything it started
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception as exc:  # already gone
                self.log.debug("kernel shutdown after stop: %s", exc)

    def _mark(self, cell, reason: str) -> None:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", []) if o.output_type != "error"]
            if cell.source.strip() or is_grade(cell):
                cell.outputs.append(self._error(reason))

    @staticmethod
    def _error(reason: str) -> NotebookNode:
        return NotebookNode(output_type="error", ename="NotGraded", evalue=reason, traceback=[f"NotGraded: {reason}"])

    def _record(self, reason: str) -> None:
        self.log.warning("%s: %s", self.resources.get("nbgrader", {}).get("notebook", "notebook"), reason)
        if self.events_file:
            notebook = self.resources.get("nbgrader", {}).get("notebook", "?")
            with open(self.events_file, "a") as events:
                events.write(json.dumps({"notebook": notebook, "reason": reason}) + "\n")

    # -- output: bombs, and failures nothing may hide ------------------------------------------
    def output(self, outs, msg, display_id, cell_index):
        """Keep at most `max_output_bytes` per cell. Errors and a first stderr line decide the score,
        so they are always kept, land in the cell itself (never in a student's Output widget) and
        survive a clear_output (`_keep_failures`)."""
        content = msg.get("content", {})
        used = self._output_bytes.get(cell_index, 0)
        self._output_bytes[cell_index] = used + len(json.dumps(content, default=str))
        if msg["msg_type"] == "error" or (msg["msg_type"] == "stream" and content.get("name") == "stderr"):
            failures = self._failures.setdefault(cell_index, [])
            if msg["msg_type"] == "stream" and self._output_bytes[cell_index] > self.max_output_bytes:
                if any(o.output_type == "stream" for o in failures):
                    return None
                content = {**content, "text": content.get("text", "")[:1000]}
            node = output_from_msg({**msg, "content": content})
            outs.append(node)
            failures.append(node)
            return node
        if self._output_bytes[cell_index] <= self.max_output_bytes:
            return super().output(outs, msg, display_id, cell_index)
        if used <= self.max_output_bytes:
            outs.append(NotebookNode(output_type="stream", name="stdout",
                                     text=TRUNCATED.format(limit=self.max_output_bytes)))
        return None

    def _keep_failures(self, cell, index: int) -> None:
        """Put back any error or stderr output that a clear_output removed."""
        lost = [f for f in self._failures.pop(index, []) if f not in cell.outputs]
        cell.outputs[:0] = lost
