"""Strip what must not be committed from notebooks: outputs, execution counts, editor leftovers.

    python -m threadlab.clean source/*/*.ipynb
"""

from __future__ import annotations

import sys

import nbformat

EDITOR_KEYS = ("lines_to_next_cell", "jupytext", "execution", "collapsed", "scrolled")


def clean(nb) -> None:
    nb.metadata.pop("jupytext", None)
    nb.metadata.pop("widgets", None)
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
