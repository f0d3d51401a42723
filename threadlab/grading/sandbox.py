"""A grading kernel that runs student code in a bubblewrap sandbox as an unprivileged user.

The kernel sees a read-only system (/usr, /etc, the Python install, the venv and
the `threadlab` package), a private /tmp, and one writable directory: a fixed-size
tmpfs at the working copy's path, filled (by the kernel launcher, as the sandbox uid)
from a read-only view of the grader's working copy. Nothing the student's code makes
there (links, FIFOs, big files) ever reaches the grader's disk: it ends with the kernel. It has no network (loopback only), no view of
source/, the gradebook, other students or the exchange. It runs as a uid taken
from a pool (one per running kernel, so RLIMIT_NPROC counts only its own
threads), with limits on processes, memory, CPU time, file size and open files.
When the kernel ends, its PID namespace ends: every process it started goes too.

Use `SandboxedKernelManager` as a jupyter_client kernel manager (nbclient's
`kernel_manager_class`); `BoundedExecute` in `execute.py` does that.
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager
from traitlets import Integer, Unicode

UID_BASE = 250_000  # far from login users, system users and the usual /etc/subuid ranges
UID_POOL = 64
# Machine-wide (not under $TMPDIR): every grader on the machine leases from the same pool, so two
# graders never share a uid, and one never kills the other's kernel as "leftovers".
LOCK_DIR = Path("/run/threadlab-sandbox-uids")
SEED = "/run/threadlab-seed"  # inside the sandbox: the grader's working copy, read-only
SYSTEM_DIRS = ["/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]


def bwrap_path() -> str | None:
    return shutil.which("bwrap")


def sandbox_problem() -> str | None:
    """Why a sandboxed kernel cannot start here, or None when it can."""
    if not bwrap_path():
        return "bubblewrap (bwrap) is not installed: run `sh tools/install-system-packages.sh` as root"
    if not shutil.which("setpriv"):
        return "setpriv (util-linux) is not installed"
    if os.geteuid() != 0:
        return "the sandbox switches to an unprivileged uid, which needs root: run grading as root"
    return None


class UidLease:
    """An exclusive uid from the pool, held (by an flock) until `release()`.

    Parallel sandboxes need distinct uids: RLIMIT_NPROC counts every thread of a uid on the machine.
    """

    def __init__(self, lock_dir: Path = LOCK_DIR) -> None:
        lock_dir.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(lock_dir)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o022:
            raise RuntimeError(f"{lock_dir} must be a directory of this user's, writable by no one else")
        for uid in range(UID_BASE, UID_BASE + UID_POOL):
            fd = os.open(lock_dir / str(uid), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            self.uid, self._fd = uid, fd
            kill_processes_of(uid)  # leftovers of a grader that crashed
            return
        raise RuntimeError(f"all {UID_POOL} sandbox uids are in use")

    def release(self) -> None:
        if self._fd is not None:
            kill_processes_of(self.uid)
            os.close(self._fd)
            self._fd = None


def processes_of(uid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("Uid:"):
                if int(line.split()[1]) == uid:
                    pids.append(int(entry.name))
                break
    return pids


def kill_processes_of(uid: int, timeout: float = 5.0) -> list[int]:
    """SIGKILL every process running as `uid` until none is left; returns the pids seen."""
    seen: list[int] = []
    deadline = time.monotonic() + timeout
    while (pids := processes_of(uid)) and time.monotonic() < deadline:
        seen += pids
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.02)  # polling the kernel's process table, not synchronising with student code
    return seen


class Mounts:
    """bwrap mount arguments, in order; parent directories are made 0755 (bwrap's own are 0700, which
    the sandbox uid could not traverse: a venv under root's home would fail with "Permission denied")."""

    def __init__(self) -> None:
        self.args: list[str] = []
        self.dirs: set[str] = {"/"}
        self.binds: list[str] = []

    def _parents(self, dest: str) -> None:
        for parent in reversed(Path(dest).parents):
            if str(parent) not in self.dirs:
                self.args += ["--perms", "0755", "--dir", str(parent)]
                self.dirs.add(str(parent))

    def add(self, kind: str, *paths: str, options: tuple[str, ...] = ()) -> None:
        """`options` (--size, --perms) apply to this mount only, so they come after the parents'."""
        dest = paths[-1]
        self._parents(dest)
        self.args += [*options, kind, *paths]
        self.dirs.add(dest)
        if kind.endswith("bind"):
            self.binds.append(dest)

    def covers(self, path: str) -> bool:
        """Is `path` inside a directory bound already?"""
        return any(path == d or path.startswith(d + "/") for d in self.binds)


PROBE = """\
import importlib.util, json, sys
spec = importlib.util.find_spec("threadlab")
print(json.dumps({"prefixes": [sys.prefix, sys.base_prefix], "path": sys.path,
                  "threadlab": list(spec.submodule_search_locations) if spec else []}))
"""


@functools.cache
def kernel_imports(python: str) -> tuple[str, ...]:
    """Every directory the kernel's interpreter imports from (its prefixes, sys.path and the threadlab
    package it resolves, which an editable install may keep anywhere), resolved, outermost first."""
    env = {k: v for k, v in sandbox_env({}).items() if k != "THREADLAB_LIMITS"}
    done = subprocess.run([python, "-P", "-c", PROBE], cwd="/", env=env, capture_output=True, text=True,
                          timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"the grading interpreter {python} cannot start: {done.stderr.strip()[-300:]}")
    found = json.loads(done.stdout)
    if not found["threadlab"]:
        raise RuntimeError(f"the grading interpreter {python} cannot import threadlab: install the course "
                           "package in its environment (pip install -e <course>)")
    paths = {os.path.realpath(p) for p in [*found["prefixes"], *found["path"], *found["threadlab"]] if p}
    paths.add(os.path.realpath(os.path.dirname(python)))
    return tuple(sorted(p for p in paths if os.path.exists(p)))


def unreadable(path: str) -> str | None:
    """Why the sandbox uid (an "other" user) could not use `path`, or None."""
    mode = os.stat(path).st_mode
    needed = 0o005 if stat.S_ISDIR(mode) else 0o004
    return None if mode & needed == needed else f"{path} (mode {stat.S_IMODE(mode):04o})"


def system_mounts(python: str, tmp_bytes: int) -> Mounts:
    """A private /tmp first, then read-only binds of the OS and of what the kernel imports (so a venv
    or course under /tmp stays visible), then /proc and /dev."""
    mounts = Mounts()
    mounts.add("--tmpfs", "/tmp", options=("--size", str(tmp_bytes), "--perms", "1777"))
    for top in SYSTEM_DIRS:
        path = Path(top)
        if path.is_symlink():
            mounts.add("--symlink", os.readlink(path), top)
        elif path.is_dir():
            mounts.add("--ro-bind", top, top)
    problems = []
    for path in kernel_imports(python):
        if not mounts.covers(path):
            if problem := unreadable(path):
                problems.append(problem)
            mounts.add("--ro-bind", path, path)
    if problems:
        raise RuntimeError("the sandboxed kernel could not read " + ", ".join(problems) +
                           ": make these world-readable (chmod o+rX) or install the course elsewhere")
    mounts.add("--proc", "/proc")
    mounts.add("--dev", "/dev")
    # POSIX semaphores (multiprocessing's locks, used by multiprocessing.pool.ThreadPool) live here
    mounts.add("--tmpfs", "/dev/shm", options=("--size", str(tmp_bytes), "--perms", "1777"))
    return mounts


def bwrap_command(inner: list[str], *, workdir: str, runtime_dir: str, uid: int, tmp_bytes: int,
                  workdir_bytes: int) -> list[str]:
    """The bwrap + setpriv command line that runs `inner` inside the sandbox as `uid`; the working copy
    is a tmpfs of `workdir_bytes` (seeded from SEED by the kernel launcher)."""
    mounts = system_mounts(inner[0], tmp_bytes)
    mounts.add("--bind", runtime_dir, runtime_dir)
    mounts.add("--ro-bind", workdir, SEED)
    mounts.add("--tmpfs", workdir, options=("--size", str(workdir_bytes), "--perms", "1777"))
    return [
        bwrap_path() or "bwrap",
        # no user namespace: the uid switch below must be a real one for RLIMIT_NPROC to count
        "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
        "--die-with-parent",
        "--new-session",
        *mounts.args,
        "--chdir", workdir,
        "--unsetenv", "JPY_PARENT_PID",
        "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--no-new-privs", "--",
        *inner,
    ]


def sandbox_env(limits: dict[str, int]) -> dict[str, str]:
    """The kernel's whole environment: nothing of the instructor's leaks in."""
    return {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp",
        "TMPDIR": "/tmp",
        "LANG": "C.UTF-8",
        "IPYTHONDIR": "/tmp/.ipython",
        "JUPYTER_CONFIG_DIR": "/tmp/.jupyter",
        "JUPYTER_DATA_DIR": "/tmp/.jupyter-data",
        "JUPYTER_RUNTIME_DIR": "/tmp/.jupyter-runtime",
        "MPLCONFIGDIR": "/tmp/.matplotlib",
        "MPLBACKEND": "Agg",
        "PYTHONDONTWRITEBYTECODE": "1",
        # glibc reserves a 64 MiB heap per thread otherwise: RLIMIT_AS would stop threads, not memory hogs
        "MALLOC_ARENA_MAX": "2",
        "NBGRADER_EXECUTION": os.environ.get("NBGRADER_EXECUTION", "autograde"),
        "THREADLAB_LIMITS": ",".join(f"{k}={v}" for k, v in limits.items()),
        "THREADLAB_SEED": SEED,
    }


def kernel_spec(interrupt_mode: str) -> KernelSpec:
    """The grading kernel: any notebook, whatever kernel it names, runs in this Python."""
    return KernelSpec(
        # -P: the working copy (student files) cannot stand in for threadlab or the standard library
        argv=[sys.executable, "-P", "-m", "threadlab.grading.kernel", "-f", "{connection_file}"],
        display_name="Python 3 (threadlab grading)",
        language="python",
        interrupt_mode=interrupt_mode,
        metadata={},
        env={},
    )


class GradingKernelManager(AsyncKernelManager):
    """Unsandboxed grading kernel: same kernel launcher and output hooks, the instructor's rights."""

    cpu_seconds = Integer(300, help="RLIMIT_CPU of the kernel (all its threads)").tag(config=True)
    memory_mb = Integer(2048, help="RLIMIT_AS of the kernel, in MiB (also caps thread stacks)").tag(config=True)
    max_processes = Integer(256, help="RLIMIT_NPROC: threads + processes of the sandbox uid").tag(config=True)
    file_size_mb = Integer(64, help="RLIMIT_FSIZE: largest file the kernel may write, in MiB").tag(config=True)
    open_files = Integer(256, help="RLIMIT_NOFILE").tag(config=True)

    def limits(self) -> dict[str, int]:
        return {"cpu": self.cpu_seconds, "as": self.memory_mb << 20, "fsize": self.file_size_mb << 20,
                "nofile": self.open_files}

    @property
    def kernel_spec(self) -> KernelSpec:
        if self._kernel_spec is None:
            self._kernel_spec = kernel_spec("signal")
        return self._kernel_spec

    @property
    def ipykernel(self) -> bool:
        return True

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        kw["stdout"] = subprocess.DEVNULL  # ipykernel's start-up banner; cell output goes over zmq
        env = dict(kw.get("env") or os.environ)
        env.pop("JPY_PARENT_PID", None)
        env.setdefault("NBGRADER_EXECUTION", "autograde")  # explorers stay quiet, as under nbgrader
        env["THREADLAB_LIMITS"] = ",".join(f"{k}={v}" for k, v in self.limits().items() if k != "nproc")
        kw["env"] = env
        await super()._async_launch_kernel(kernel_cmd, **kw)


class SandboxedKernelManager(GradingKernelManager):
    """A kernel in a bubblewrap sandbox, as an unprivileged uid of its own, talking over unix sockets."""

    tmp_mb = Integer(256, help="size of the kernel's private /tmp (and of its /dev/shm), in MiB").tag(config=True)
    workdir_mb = Integer(256, help="size of the kernel's working copy (a tmpfs), in MiB").tag(config=True)
    runtime_parent = Unicode("", help="where per-kernel runtime dirs go (default: the temp dir)").tag(config=True)

    _lease: UidLease | None = None
    _runtime: str | None = None

    @property
    def kernel_spec(self) -> KernelSpec:
        # "message": SIGINT would hit bwrap (and end the kernel); a message reaches the kernel itself.
        if self._kernel_spec is None:
            self._kernel_spec = kernel_spec("message")
        return self._kernel_spec

    def limits(self) -> dict[str, int]:
        return {**super().limits(), "nproc": self.max_processes}

    async def _async_pre_start_kernel(self, **kw):
        problem = sandbox_problem()
        if problem:
            raise RuntimeError(f"cannot start the sandboxed grading kernel: {problem}")
        self._lease = UidLease()
        uid = self._lease.uid
        self._runtime = tempfile.mkdtemp(prefix=f"threadlab-kernel-{uid}-", dir=self.runtime_parent or None)
        os.chmod(self._runtime, 0o700)
        os.chown(self._runtime, uid, uid)
        # Unix sockets in a directory both sides see: --unshare-net leaves TCP unusable between them.
        self.transport = "ipc"
        self.ip = os.path.join(self._runtime, "kernel")
        self.connection_file = os.path.join(self._runtime, "connection.json")
        cmd, kw = await super()._async_pre_start_kernel(**kw)
        os.chown(self.connection_file, uid, uid)
        workdir = os.path.realpath(kw.get("cwd") or os.getcwd())
        for path, dirs, files in os.walk(workdir):
            for name in [path, *(os.path.join(path, f) for f in dirs + files)]:
                os.lchown(name, uid, uid)
        wrapped = bwrap_command(cmd, workdir=workdir, runtime_dir=self._runtime, uid=uid,
                                tmp_bytes=self.tmp_mb << 20, workdir_bytes=self.workdir_mb << 20)
        kw["env"] = sandbox_env(self.limits())
        kw["cwd"] = workdir
        return wrapped, kw

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        kw["stdout"] = subprocess.DEVNULL
        await AsyncKernelManager._async_launch_kernel(self, kernel_cmd, **kw)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        try:
            await super()._async_cleanup_resources(restart=restart)
        finally:
            if not restart:
                self.release_sandbox()

    def release_sandbox(self) -> None:
        """Kill whatever still runs as the sandbox uid, give the uid back, remove the runtime dir."""
        if self._lease is not None:
            self._lease.release()
            self._lease = None
        if self._runtime:
            shutil.rmtree(self._runtime, ignore_errors=True)
            self._runtime = None

    def __del__(self) -> None:
        try:
            self.release_sandbox()
        except Exception:
            pass
