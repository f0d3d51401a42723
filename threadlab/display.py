"""Show a timeline in a notebook: the chart, with its text summary as alt text and caption."""

from __future__ import annotations

import base64
import html
import io

from .plot import describe_timeline, plot_timeline
from .timeline import Timeline


def timeline_html(timeline: Timeline, title: str | None = None) -> str:
    """A self-contained <figure>: the PNG inline, the summary as alt text and caption."""
    buffer = io.BytesIO()
    plot_timeline(timeline, title=title).savefig(buffer, format="png", dpi=90)
    summary = html.escape(describe_timeline(timeline))
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{summary}">'
            f"<figcaption>{summary}</figcaption></figure>")


def show_timeline(timeline: Timeline, title: str | None = None) -> None:
    """Display the timeline chart and its summary in the running notebook."""
    from IPython.display import HTML, display

    display(HTML(timeline_html(timeline, title)))
