"""threadlab: record, draw and test what Python threads do."""

from .display import show_timeline
from .plot import describe_timeline, plot_timeline
from .recorder import record_timeline, span
from .timeline import Timeline
from .widgets import explore

__all__ = ["Timeline", "describe_timeline", "explore", "plot_timeline", "record_timeline", "show_timeline", "span"]
