"""The explorer reruns the experiment under the recorder and draws it; under nbgrader it stays quiet."""

import threading
import time

import ipywidgets

from threadlab import widgets


def sleepers(n_threads=2, seconds=0.01):
    threads = [threading.Thread(target=time.sleep, args=(seconds,), name=f"sleeper-{i}") for i in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_nothing_is_built_or_run_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    ran = []
    assert widgets.explore(lambda: ran.append(1)) is None
    assert ran == []


def test_run_records_the_experiment_and_draws_its_timeline(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    drawn = []
    monkeypatch.setattr(widgets, "show_timeline", drawn.append)
    box = widgets.explore(sleepers, n_threads=ipywidgets.IntSlider(value=3, min=1, max=8))
    panel = box.children[0]
    assert drawn == []  # nothing runs until Run is pressed
    assert [w.description for w in panel.children if isinstance(w, ipywidgets.Button)] == ["Run"]
    before = set(threading.enumerate())
    panel.update()  # what pressing Run does
    (timeline,) = drawn
    assert [r.name for r in timeline.rows] == ["MainThread", "sleeper-0", "sleeper-1", "sleeper-2"]
    assert set(threading.enumerate()) <= before
