"""release/ and notebooks/ are exactly what `make build` makes from source/ (CI fails when they are stale)."""

import json
import shutil
from pathlib import Path

from threadlab.build import build

from .conftest import ROOT


def notebooks_under(root: Path, folder: str) -> dict[str, dict]:
    return {str(p.relative_to(root)): json.loads(p.read_text()) for p in sorted((root / folder).glob("*/*.ipynb"))}


def test_committed_release_and_self_learner_editions_are_fresh(tmp_path):
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "source", tmp_path / "source")
    build(tmp_path)
    for folder in ("release", "notebooks"):
        fresh, committed = notebooks_under(tmp_path, folder), notebooks_under(ROOT, folder)
        assert fresh.keys() == committed.keys(), f"{folder}/ has other files than `make build` makes"
        stale = [name for name in fresh if fresh[name] != committed[name]]
        assert not stale, f"stale, run `make build`: {stale}"


def test_self_learner_edition_is_the_release_plus_a_how_to_check_note():
    paths = sorted((ROOT / "notebooks").glob("*/*.ipynb"))
    assert paths, "no self-learner notebooks: run `make build`"
    for path in paths:
        mine = json.loads(path.read_text())
        release = json.loads((ROOT / "release" / path.parent.name / path.name).read_text())
        note = mine["cells"][0]
        assert note["cell_type"] == "markdown" and f"notebooks/{path.parent.name}/{path.name}" in "".join(note["source"])
        assert mine["cells"][1:] == release["cells"]
