"""Draw a Timeline as a Gantt chart, and say the same thing in words."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .timeline import SPAN, STATE_LABELS, STATES, Timeline, max_overlap

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
COLORS = {
    "running": "#009e73",
    "sleeping": "#56b4e9",
    "blocked": "#d55e00",
    "queue": "#e69f00",
    "joining": "#cc79a7",
    "waiting": "#f0e442",
}
SPAN_COLOR = "#0072b2"
MARKERS = {"start": ("|", "black"), "end": ("|", "black"), "exception": ("X", "#d55e00")}
MARKER_LABELS = {"start": "thread start / end", "exception": "exception raised"}
BAR_HEIGHT = 0.6


def plot_timeline(timeline: Timeline, title: str | None = None, ax=None) -> Figure:
    """One bar row per thread, in start order; x is seconds from the start of the recording.

    Returns the Figure (no pyplot state is touched, so it works on any backend).
    """
    if ax is None:
        fig = Figure(figsize=(9, 1.2 + 0.45 * max(1, len(timeline.rows))), layout="constrained")
        ax = fig.add_subplot()
    fig = ax.figure
    t0 = timeline.origin
    rows = timeline.rows
    y_of = {row.index: len(rows) - 1 - n for n, row in enumerate(rows)}  # first thread on top

    by_state: dict[tuple[int, str], list[tuple[float, float]]] = {}
    for interval in timeline.state_intervals():
        key = (interval.row, interval.state)
        by_state.setdefault(key, []).append((interval.start - t0, interval.end - interval.start))
    present = [s for s in STATES if any(state == s for _, state in by_state)]
    for (row, state), ranges in by_state.items():
        ax.broken_barh(ranges, (y_of[row] - BAR_HEIGHT / 2, BAR_HEIGHT), facecolors=COLORS[state],
                       edgecolor="none", label=state)
    for interval in timeline.spans():
        y = y_of[interval.row]
        ax.broken_barh([(interval.start - t0, interval.end - interval.start)], (y - 0.45, 0.9),
                       facecolors="none", edgecolor=SPAN_COLOR, linewidth=1.5, label=SPAN)
        ax.text(interval.start - t0, y + 0.47, interval.detail, fontsize=8, color=SPAN_COLOR, va="bottom")

    kinds = []
    for kind, (marker, color) in MARKERS.items():
        points = [(i.time - t0, y_of[i.row]) for i in timeline.instants if i.kind == kind]
        if points:
            xs, ys = zip(*points)
            ax.plot(xs, ys, linestyle="none", marker=marker, color=color, markersize=10, label=kind)
            kinds.append(kind)

    ax.set_yticks([y_of[row.index] for row in rows], [row.name for row in rows])
    ax.set_ylim(-0.8, len(rows) - 0.2)
    ax.set_xlim(0, max(timeline.duration, 1e-3) * 1.02)
    ax.set_xlabel("seconds since the recording started")
    ax.grid(axis="x", alpha=0.3)
    if title:
        ax.set_title(title)
    handles = [Patch(facecolor=COLORS[s], label=STATE_LABELS[s]) for s in present]
    if timeline.spans():
        handles.append(Patch(facecolor="none", edgecolor=SPAN_COLOR, label="labelled span"))
    handles += [Line2D([], [], linestyle="none", marker=MARKERS[k][0], color=MARKERS[k][1], label=MARKER_LABELS[k])
                for k in kinds if k in MARKER_LABELS]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return fig


VERBS = {"sleeping": "slept", "blocked": "waited for a lock", "queue": "waited on a queue",
         "joining": "joined other threads", "waiting": "waited on an event"}


def describe_timeline(timeline: Timeline) -> str:
    """One paragraph that says what the chart shows, for screen readers and feedback."""
    t0 = timeline.origin
    names = [row.name for row in timeline.rows]
    sentences = [f"The recording lasted {timeline.duration:.2f} s and saw {len(names)} "
                 f"thread{'s' if len(names) != 1 else ''}: {', '.join(names)}."]
    for state in STATES[1:]:
        per_thread = {}
        for i in timeline.intervals:
            if i.state == state:
                per_thread.setdefault(i.row, []).append((i.start - t0, i.end - t0))
        if not per_thread:
            continue
        count, start, end = max_overlap([span for spans in per_thread.values() for span in spans])
        who = len(per_thread)
        if count > 1 and end - start >= 0.005:
            sentences.append(f"{count} threads {VERBS[state]} concurrently from {start:.2f} s to {end:.2f} s.")
        elif count > 1:
            sentences.append(f"{count} threads {VERBS[state]} concurrently, briefly, at {start:.2f} s.")
        else:
            total = sum(b - a for spans in per_thread.values() for a, b in spans)
            if who == 1:
                name = timeline.rows[next(iter(per_thread))].name
                sentences.append(f"{name} {VERBS[state]} for {total:.2f} s in all.")
            else:
                sentences.append(f"{who} threads {VERBS[state]} one after another, never at once, "
                                 f"{total:.2f} s in all.")
    for i in timeline.instants:
        if i.kind == "exception":
            sentences.append(f"{timeline.rows[i.row].name} raised {i.detail} at {i.time - t0:.2f} s.")
    alive = [row.name for row in timeline.rows[1:] if row.end is None]
    if alive:
        sentences.append(f"Still running when the recording stopped: {', '.join(alive)}.")
    return " ".join(sentences)
