"""Long-lived worker processes that each run one task at a time, so start-up is paid once per worker.

The parent hands a task to an idle worker over its own pipe, so it always knows which tasks are in
flight. A worker that dies, or a task that outlives its deadline, is reported as lost (the worker is
replaced); `stop()` ends every worker together with the kernels it started. Workers ignore SIGINT:
Ctrl-C reaches the parent, which decides what stops.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .sandbox import LOCK_DIR, UID_BASE, UID_POOL, kill_processes_of

STOP_GRACE = 10.0  # seconds a worker has to end after SIGTERM before SIGKILL


@dataclass
class Lost:
    """A task that gave no result: why."""

    reason: str


def children(pid: int) -> list[int]:
    """The direct children of `pid` (kernels, or the bwrap that holds a sandboxed kernel)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _end_kernels(signum=None, frame=None) -> None:
    """SIGTERM in a worker: kill every kernel it started (each leads a process group of its own, as
    jupyter_client starts it; bwrap takes a sandboxed kernel's PID namespace with it), then exit."""
    for child in children(os.getpid()):
        for kill in (os.killpg, os.kill):
            try:
                kill(child, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    os._exit(1)


def _serve(conn, func: Callable) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _end_kernels)
    while (task := conn.recv()) is not None:
        conn.send(func(*task))


def sweep_sandbox_uids() -> None:
    """Kill what still runs as any sandbox uid no grader holds (a worker killed mid-notebook leaves
    its uid free): the same leftovers a new lease would kill, without holding more than one at a time."""
    if not LOCK_DIR.is_dir():
        return
    for uid in range(UID_BASE, UID_BASE + UID_POOL):
        try:
            fd = os.open(LOCK_DIR / str(uid), os.O_RDWR | os.O_CLOEXEC | os.O_NOFOLLOW)
        except FileNotFoundError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            kill_processes_of(uid)
        except BlockingIOError:
            pass  # leased: a running kernel of ours or of another grader
        finally:
            os.close(fd)


class Worker:
    def __init__(self, context, func: Callable) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, func), daemon=True)
        self.process.start()
        child.close()
        self.task = None
        self.deadline = float("inf")

    def give(self, task, seconds: float) -> None:
        self.task, self.deadline = task, time.monotonic() + seconds
        self.conn.send(task)

    def end(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(STOP_GRACE)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class Pool:
    """`jobs` workers running `func(*task)`; `run` yields (task, result or Lost) as tasks finish."""

    def __init__(self, func: Callable, jobs: int) -> None:
        self._func = func
        self._context = multiprocessing.get_context("spawn")  # no copy of the parent's threads or engines
        self.workers = [Worker(self._context, func) for _ in range(max(1, jobs))]

    def in_flight(self) -> list:
        return [w.task for w in self.workers if w.task is not None]

    def run(self, tasks: Iterable, limit: Callable[[object], float]) -> Iterator[tuple[object, object]]:
        """Each task gets at most `limit(task)` seconds before its worker is killed and replaced."""
        todo = list(tasks)[::-1]
        while todo or self.in_flight():
            for worker in self.workers:
                if worker.task is None and todo:
                    task = todo.pop()
                    worker.give(task, limit(task))
            busy = [w for w in self.workers if w.task is not None]
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy], timeout)
            for worker in busy:
                task = worker.task
                if worker.conn in ready:
                    try:
                        outcome = worker.conn.recv()
                    except (EOFError, OSError):
                        outcome = self._replace(worker, f"the grading process ended unexpectedly "
                                                        f"(exit status {worker.process.exitcode})")
                elif time.monotonic() >= worker.deadline:
                    outcome = self._replace(worker, "grading took longer than its hard limit, so it was stopped")
                else:
                    continue
                worker.task = None
                yield task, outcome

    def _replace(self, worker: Worker, reason: str) -> Lost:
        worker.end()
        sweep_sandbox_uids()
        self.workers[self.workers.index(worker)] = Worker(self._context, self._func)
        return Lost(reason)

    def stop(self) -> None:
        """End every worker and every kernel they run; nothing of the sandbox uids is left."""
        for worker in self.workers:
            if worker.process.is_alive() and worker.task is None:
                worker.conn.send(None)
        for worker in self.workers:
            worker.end()
        sweep_sandbox_uids()
