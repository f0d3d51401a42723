"""Wrong submissions lose points on the right tests; different correct ones keep full marks.

Each file in tests/submissions/<assignment>/ replaces one solution cell (see docs/authoring.md).
They are graded by the grading engine (nbgrader's autograde pipeline with the course's settings),
through `threadlab.grading.answers`.
"""

import re
from pathlib import Path

import pytest

from threadlab.grading.answers import grade_answer, replaced_cell

from .conftest import ROOT

FIXTURES = sorted((ROOT / "tests" / "submissions").glob("*/*.py"))


def parse(path: Path) -> tuple[str, list[str] | None, str | None, str]:
    """(solution grade id, the tests expected to lose points or None for full marks, a pattern their
    messages must match or None, code)."""
    text = path.read_text()
    expect = re.search(r"^# expect: (full|lose( \S+)+)$", text, re.M)
    message = re.search(r"^# message: (.+)$", text, re.M)
    assert expect, f"{path.name}: needs '# expect: full|lose <ids>'"
    losers = None if expect.group(1) == "full" else expect.group(1).split()[1:]
    assert losers is None or message, f"{path.name}: a wrong submission needs '# message: <regex>' naming its mistake"
    return replaced_cell(text), losers, message and message.group(1), text


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_submission_scores_as_expected(path: Path):
    grade_id, losers, pattern, code = parse(path)
    results = {r.grade_id: r for r in grade_answer(path.parent.name, grade_id, code)}

    if losers is None:
        failed = {g: r.message for g, r in results.items() if r.points < r.max_points}
        assert not failed, f"a correct submission lost points: {failed}"
        return
    unknown = set(losers) - results.keys()
    assert not unknown, f"no such test cells: {unknown}"
    for test_id in losers:
        result = results[test_id]
        assert result.points < result.max_points, f"{test_id} did not catch this mistake"
        assert re.match(r"\w+: \S", result.message), f"{test_id} failed without a message: {result.message!r}"
        assert re.search(pattern, result.message, re.I), f"{test_id}'s message does not name the mistake " \
                                                         f"(/{pattern}/): {result.message!r}"
    # A wrong answer may also lose tests the schedule decides (never a correct one): `# may lose: ids`.
    maybe = re.search(r"^# may lose:((?: \S+)+)$", code, re.M)
    spared = set(losers) | set(maybe.group(1).split() if maybe else [])
    others = {g: r.message for g, r in results.items() if g not in spared and r.points < r.max_points}
    assert not others, f"tests that should keep their points lost them: {others}"
