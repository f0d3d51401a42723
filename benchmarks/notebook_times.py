"""Wall time of each source notebook run top to bottom (target: at most 10 s each).

    python benchmarks/notebook_times.py [--autograde]

With --autograde the run sets NBGRADER_EXECUTION, as grading does (explorers stay off).
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
TARGET = 10.0


def run(path: Path, grading: bool) -> float:
    nb = nbformat.read(path, as_version=4)
    env = dict(os.environ, NBGRADER_EXECUTION="autograde") if grading else dict(os.environ)
    with tempfile.TemporaryDirectory() as cwd:
        client = NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": cwd}})
        start = time.perf_counter()
        client.execute(env=env)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--autograde", action="store_true", help="run as nbgrader's autograde would")
    args = parser.parse_args()
    for path in sorted(ROOT.glob("source/*/*.ipynb")):
        seconds = run(path, args.autograde)
        verdict = "ok" if seconds <= TARGET else f"over the {TARGET:g} s target"
        print(f"{path.parent.name + '/' + path.name:<40} {seconds:6.2f} s  {verdict}")


if __name__ == "__main__":
    main()
