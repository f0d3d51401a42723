"""Shared fixtures: keep Jupyter's state inside the run, and describe the course on disk."""

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_state = Path(tempfile.mkdtemp(prefix="threadlab-jupyter-"))
for variable, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                      ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")]:
    os.environ.setdefault(variable, str(_state / sub))
os.environ.setdefault("MPLBACKEND", "Agg")


def source_notebooks() -> list[Path]:
    return sorted(ROOT.glob("source/*/*.ipynb"))
