"""The chart and its summary say what the recording holds (checked on artists, not pixels)."""

import threading
import time

import matplotlib
import pytest
from matplotlib.colors import to_hex

from threadlab import describe_timeline, plot_timeline, record_timeline, span
from threadlab.display import timeline_html
from threadlab.plot import describe_processor
from threadlab.timeline import Instant, Interval, State, ThreadRow, Timeline


def made_up_timeline():
    """Five workers sleep together; the main thread joins them; worker-4 then raises."""
    rows = [ThreadRow(0, "MainThread", False, 0.0, 0.6)]
    intervals, instants = [], []
    for n in range(1, 6):
        rows.append(ThreadRow(n, f"worker-{n - 1}", False, 0.0, 0.51))
        intervals.append(Interval(n, "sleeping", 0.0, 0.5))
        instants += [Instant(n, "start", 0.0), Instant(n, "end", 0.51)]
    intervals.append(Interval(0, "joining", 0.01, 0.51, "worker-0"))
    instants.append(Instant(5, "exception", 0.5, "ValueError: boom"))
    return Timeline(origin=0.0, stop=0.6, rows=rows, intervals=intervals, instants=instants)


def test_one_row_per_thread_in_start_order_first_on_top():
    ax = plot_timeline(made_up_timeline()).axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    ticks = list(ax.get_yticks())
    by_height = [label for _, label in sorted(zip(ticks, labels), reverse=True)]
    assert by_height == ["MainThread"] + [f"worker-{n}" for n in range(5)]


def test_bars_are_coloured_by_state_and_the_legend_names_each_state():
    ax = plot_timeline(made_up_timeline()).axes[0]
    colours = {c.get_label(): to_hex(c.get_facecolor()[0]) for c in ax.collections}
    assert colours["sleeping"] == State.SLEEPING.color
    assert colours["joining"] == State.JOINING.color
    assert colours["running"] == State.RUNNING.color  # the main thread's time outside its join
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["running", "sleeping", "joining a thread", "thread start / end", "exception raised"]


def test_each_state_looks_different_and_has_its_own_words():
    assert len({(s.color, s.hatch) for s in State}) == len(State)
    assert len({s.label for s in State}) == len({s.verb for s in State}) == len(State)


def test_x_axis_is_seconds_from_the_first_event_and_markers_are_drawn():
    ax = plot_timeline(made_up_timeline(), title="five sleepers").axes[0]
    assert ax.get_xlim()[0] == 0
    assert ax.get_xlim()[1] >= 0.6
    assert "seconds" in ax.get_xlabel()
    assert ax.get_title() == "five sleepers"
    markers = {line.get_label(): len(line.get_xdata()) for line in ax.get_lines()}
    assert markers == {"start": 5, "end": 5, "exception": 1}


def test_summary_names_threads_overlap_joins_and_exceptions():
    text = describe_timeline(made_up_timeline())
    assert "6 threads" in text
    assert "5 threads slept concurrently from 0.00 s to 0.50 s" in text
    assert "MainThread joined other threads for 0.50 s" in text
    assert "worker-4 raised ValueError: boom at 0.50 s" in text


def test_summary_says_when_waits_never_overlapped():
    tl = made_up_timeline()
    tl.intervals = [Interval(n, "sleeping", 0.1 * n, 0.1 * n + 0.1) for n in range(1, 4)]
    assert "3 threads slept one after another, never at once, 0.30 s in all." in describe_timeline(tl)


def test_a_real_recording_draws_on_agg_with_spans_and_alt_text():
    assert matplotlib.get_backend().lower() == "agg"
    with record_timeline() as tl:
        with span("setup"):
            t = threading.Thread(target=time.sleep, args=(0.01,), name="sleeper")
            t.start()
            t.join(5)
    fig = plot_timeline(tl)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts if not t.get_text().startswith(" cpu ")] == ["setup"]
    assert "labelled span" in [t.get_text() for t in ax.get_legend().get_texts()]
    fig.canvas.draw()  # renders without a display
    html = timeline_html(tl)
    assert html.startswith("<figure><img src=\"data:image/png;base64,") and "sleeper" in html
    assert "http" not in html  # self-contained


@pytest.mark.parametrize("state", list(State)[1:])
def test_every_waiting_state_is_drawn_labelled_and_said_as_its_table_row_says(state):
    tl = Timeline(origin=0.0, stop=1.0, rows=[ThreadRow(0, "t", False, 0.0, 1.0)],
                  intervals=[Interval(0, state, 0.2, 0.4)])
    ax = plot_timeline(tl).axes[0]
    (bars,) = [c for c in ax.collections if c.get_label() == state]
    assert to_hex(bars.get_facecolor()[0]) == state.color and (bars.get_hatch() or "") == state.hatch
    assert state.label in [t.get_text() for t in ax.get_legend().get_texts()]
    assert f"t {state.verb} for 0.20 s in all." in describe_timeline(tl)


def counting_threads(cpu_each: float, wall: float = 0.2, n: int = 4) -> Timeline:
    """n threads that were running (no recorded wait) over the same `wall` seconds."""
    rows = [ThreadRow(0, "MainThread", False, 0.0, wall + 0.01, cpu=0.0)]
    rows += [ThreadRow(i, f"counter-{i}", False, 0.0, wall, cpu=cpu_each) for i in range(1, n + 1)]
    return Timeline(origin=0.0, stop=wall + 0.01, rows=rows,
                    intervals=[Interval(0, State.JOINING, 0.0, wall, "counter-1")])


def test_threads_that_ran_together_on_one_processor_took_turns():
    text = describe_timeline(counting_threads(cpu_each=0.05))
    assert ("4 threads took 0.20 s of wall time and used 0.20 s of processor time between them: "
            "one at a time, taking turns.") in text


def test_threads_that_used_more_processor_than_wall_time_ran_in_parallel():
    assert describe_processor(counting_threads(cpu_each=0.2)).endswith("more than one at a time, in parallel.")


def test_no_claim_about_turns_when_threads_hardly_used_the_processor():
    assert describe_processor(counting_threads(cpu_each=0.0)).endswith("between them.")


def test_each_row_shows_its_processor_time():
    ax = plot_timeline(counting_threads(cpu_each=0.05)).axes[0]
    assert sorted(t.get_text() for t in ax.texts) == [" cpu 0.00 s"] + [" cpu 0.05 s"] * 4


def test_summary_reports_the_longest_window_at_the_peak():
    tl = made_up_timeline()
    tl.intervals = [Interval(1, "queue", 0.0, 0.1), Interval(2, "queue", 0.1, 0.3), Interval(3, "queue", 0.05, 0.4),
                    Interval(1, "queue", 0.3, 0.5)]
    # two at once over [0.05, 0.1), [0.1, 0.3) and [0.3, 0.4): the longest is 0.10-0.30
    assert "2 threads waited on a queue concurrently from 0.10 s to 0.30 s." in describe_timeline(tl)


def test_summary_calls_an_instant_overlap_brief():
    tl = made_up_timeline()
    tl.intervals = [Interval(1, "queue", 0.0, 0.061), Interval(2, "queue", 0.06, 0.2)]
    assert "2 threads waited on a queue concurrently, briefly, at 0.06 s." in describe_timeline(tl)
