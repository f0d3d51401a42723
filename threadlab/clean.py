"""Strip what must not be committed from notebooks (outputs, execution counts, editor leftovers), set the kernel.

    python -m threadlab.clean source/*/*.ipynb
"""

from __future__ import annotations

import sys

import nbformat

EDITOR_KEYS = ("lines_to_next_cell", "jupytext", "execution", "collapsed", "scrolled")
# Every course notebook runs on the standard Python kernel; without this JupyterLab asks which kernel to use.
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def clean(nb) -> None:
    nb.metadata.pop("jupytext", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        for key in EDITOR_KEYS:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None


def main(paths: list[str]) -> None:
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        clean(nb)
        nbformat.validate(nb)
        nbformat.write(nb, path)


if __name__ == "__main__":
    main(sys.argv[1:])
