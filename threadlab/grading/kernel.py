"""Start the grading kernel: apply the limits, then ipykernel with the course's output hooks.

Runs inside the sandbox (`python -m threadlab.grading.kernel -f CONNECTION_FILE`).
`THREADLAB_LIMITS` holds `name=value` pairs: cpu (s), as, fsize (bytes), nofile, nproc.
Soft and hard limits are both set, so student code cannot raise them again.
`THREADLAB_SEED` (sandboxed only) names a read-only copy of the working copy: its files are copied
into the kernel's own working copy (a tmpfs) first, before any student code runs.
"""

from __future__ import annotations

import os
import resource
import shutil
import sys

RLIMITS = {"cpu": resource.RLIMIT_CPU, "as": resource.RLIMIT_AS, "fsize": resource.RLIMIT_FSIZE,
           "nofile": resource.RLIMIT_NOFILE, "nproc": resource.RLIMIT_NPROC}


def apply_limits(spec: str) -> None:
    for item in filter(None, spec.split(",")):
        name, value = item.split("=")
        resource.setrlimit(RLIMITS[name], (int(value), int(value)))


def seed_working_copy(seed: str) -> None:
    """Copy the grader's working copy (read-only at `seed`) into the current directory, the kernel's own."""
    for entry in os.scandir(seed):
        if entry.is_dir(follow_symlinks=False):
            shutil.copytree(entry.path, entry.name, symlinks=True)
        else:
            shutil.copy2(entry.path, entry.name, follow_symlinks=False)


def main() -> None:
    if seed := os.environ.pop("THREADLAB_SEED", ""):
        seed_working_copy(seed)
    apply_limits(os.environ.pop("THREADLAB_LIMITS", ""))
    os.environ.pop("JPY_PARENT_PID", None)  # the kernel would otherwise watch a pid it cannot see
    from ipykernel.kernelapp import launch_new_instance

    launch_new_instance(argv=[*sys.argv[1:], "--IPKernelApp.extensions=['threadlab.grading.hooks']"])


if __name__ == "__main__":
    main()
