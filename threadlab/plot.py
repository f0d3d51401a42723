"""Draw a Timeline as a Gantt chart, and say the same thing in words."""

from __future__ import annotations

from .timeline import SPAN, State, Timeline, max_overlap

SPAN_COLOR = "#000000"
MARKERS = {"start": ("|", "black"), "end": ("|", "black"), "exception": ("X", "#d55e00")}
MARKER_LABELS = {"start": "thread start / end", "exception": "exception raised"}
BAR_HEIGHT = 0.6


def plot_timeline(timeline: Timeline, title: str | None = None, ax=None):
    """One bar row per thread, in start order; x is seconds from the start of the recording. Each
    row ends with the processor time the thread used ("cpu 0.05 s") where it was measured.

    Returns the matplotlib Figure (no pyplot state is touched, so it works on any backend).
    """
    # matplotlib is imported when a chart is drawn, not with threadlab: grading kernels start faster
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

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
    present = [s for s in State if any(state == s for _, state in by_state)]
    for (row, state), ranges in by_state.items():
        state = State(state)
        ax.broken_barh(ranges, (y_of[row] - BAR_HEIGHT / 2, BAR_HEIGHT), facecolors=state.color,
                       hatch=state.hatch or None, edgecolor="white" if state.hatch else "none", linewidth=0,
                       label=str(state))
    for row in rows:
        if row.cpu is not None:
            end = (timeline.stop if row.end is None else row.end) - t0
            ax.text(end, y_of[row.index], f" cpu {row.cpu:.2f} s", fontsize=7, va="center", ha="left")
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
    ax.set_xlim(0, max(timeline.duration, 1e-3) * 1.12)  # room for the cpu labels
    ax.set_xlabel("seconds since the recording started")
    ax.grid(axis="x", alpha=0.3)
    if title:
        ax.set_title(title)
    handles = [Patch(facecolor=s.color, hatch=s.hatch or None, edgecolor="white" if s.hatch else "none",
                     label=s.label) for s in present]
    if timeline.spans():
        handles.append(Patch(facecolor="none", edgecolor=SPAN_COLOR, label="labelled span"))
    handles += [Line2D([], [], linestyle="none", marker=MARKERS[k][0], color=MARKERS[k][1], label=MARKER_LABELS[k])
                for k in kinds if k in MARKER_LABELS]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return fig


def describe_processor(timeline: Timeline) -> str:
    """What the processor did: the threads' CPU time against the wall time they were running.

    Under the GIL, threads that run at once take turns: their CPU time adds up to no more than the
    wall time they ran in. On a free-threaded build (or in C code that lets go of the GIL) it can add
    up to more: they ran in parallel."""
    workers = [row for row in timeline.rows[1:] if row.cpu is not None]
    if not workers:
        return ""
    cpu = sum(row.cpu for row in workers)
    running = [span for row in workers for span in timeline.running(row)]
    together, _, _ = max_overlap(running)
    start = min(row.start for row in workers)
    wall = max(row.end for row in workers) - start
    n = len(workers)
    sentence = (f"{n} thread{'s' if n != 1 else ''} took {wall:.2f} s of wall time and used {cpu:.2f} s "
                f"of processor time between them")
    if n > 1 and together > 1 and cpu > 0.05 * wall:
        if cpu <= 1.1 * wall:
            return sentence + ": one at a time, taking turns."
        if cpu >= 1.5 * wall:
            return sentence + ": more than one at a time, in parallel."
    return sentence + "."


def describe_timeline(timeline: Timeline) -> str:
    """One paragraph that says what the chart shows, for screen readers and feedback."""
    t0 = timeline.origin
    names = [row.name for row in timeline.rows]
    sentences = [f"The recording lasted {timeline.duration:.2f} s and saw {len(names)} "
                 f"thread{'s' if len(names) != 1 else ''}: {', '.join(names)}."]
    for state in list(State)[1:]:
        per_thread = {}
        for i in timeline.intervals:
            if i.state == state:
                per_thread.setdefault(i.row, []).append((i.start - t0, i.end - t0))
        if not per_thread:
            continue
        count, start, end = max_overlap([span for spans in per_thread.values() for span in spans])
        who = len(per_thread)
        if count > 1 and end - start >= 0.005:
            sentences.append(f"{count} threads {state.verb} concurrently from {start:.2f} s to {end:.2f} s.")
        elif count > 1:
            sentences.append(f"{count} threads {state.verb} concurrently, briefly, at {start:.2f} s.")
        else:
            total = sum(b - a for spans in per_thread.values() for a, b in spans)
            if who == 1:
                name = timeline.rows[next(iter(per_thread))].name
                sentences.append(f"{name} {state.verb} for {total:.2f} s in all.")
            else:
                sentences.append(f"{who} threads {state.verb} one after another, never at once, "
                                 f"{total:.2f} s in all.")
    for i in timeline.instants:
        if i.kind == "exception":
            sentences.append(f"{timeline.rows[i.row].name} raised {i.detail} at {i.time - t0:.2f} s.")
    processor = describe_processor(timeline)
    if processor:
        sentences.append(processor)
    alive = [row.name for row in timeline.rows[1:] if row.end is None]
    if alive:
        sentences.append(f"Still running when the recording stopped: {', '.join(alive)}.")
    return " ".join(sentences)
