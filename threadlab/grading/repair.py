"""Accidents a learner makes to a notebook's cells, repaired before nbgrader grades it.

A copied cell (Edit → Copy/Paste) keeps the original's nbgrader metadata, so its grade id appears
twice. nbgrader's own `DeduplicateIds` keeps the *last* copy and empties the metadata of the others,
which then crashes `OverwriteCells` (KeyError: 'grade_id'): no grade at all. Here, as a learner
expects, the first cell keeps its id and every later copy becomes an ordinary cell; cells whose
nbgrader metadata lost its grade id become ordinary cells too. Each repair is noted in a markdown
cell above the cell and in the notebook's metadata, which `BoundedExecute` reports as a problem line.
"""

from __future__ import annotations

from nbformat.v4 import new_markdown_cell
from nbgrader.preprocessors import NbGraderPreprocessor

NOTE = "**Note from the grader:** {what}"
COPIED = "this cell was a copy of the cell with grade id {grade_id!r}; it ran as an ordinary cell (the first one is graded)"
NO_ID = "this cell's grading metadata had no grade id; it ran as an ordinary cell"


def repairs(nb) -> list[str]:
    """The repairs noted in a notebook's metadata."""
    return list(nb.metadata.get("threadlab", {}).get("repairs", []))


class RepairCells(NbGraderPreprocessor):
    """In place of nbgrader's DeduplicateIds (sanitize step): a copied cell is an accident, not a zero."""

    def preprocess(self, nb, resources):
        seen: set[str] = set()
        cells, noted = [], repairs(nb)
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader")
            what = None
            if meta is not None and any(meta.get(k) for k in ("grade", "solution", "locked", "task")):
                grade_id = meta.get("grade_id")
                if not grade_id:
                    what = NO_ID
                elif grade_id in seen:
                    what = COPIED.format(grade_id=grade_id)
                seen.add(grade_id)
            if what:
                del cell.metadata["nbgrader"]
                cells.append(new_markdown_cell(NOTE.format(what=what)))
                noted.append(what)
                self.log.warning("%s: %s", resources.get("nbgrader", {}).get("notebook", "notebook"), what)
            cells.append(cell)
        nb.cells = cells
        if noted:
            nb.metadata.setdefault("threadlab", {})["repairs"] = noted
        return nb, resources


# nbgrader's sanitize preprocessors, in nbgrader's order, with RepairCells in place of DeduplicateIds.
SANITIZE_PREPROCESSORS = [
    "nbgrader.preprocessors.ClearOutput",
    "threadlab.grading.repair.RepairCells",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
