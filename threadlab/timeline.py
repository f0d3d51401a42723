"""What a recording holds: one row per thread, intervals in a state, and instants.

Times are `time.perf_counter()` seconds; exports give seconds (or µs for Chrome)
from the start of the recording.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum

class State(StrEnum):
    """The one table of states a thread can be seen in, in legend order: each row is the name
    recorded, the legend label, the verb of the text summary, the colour and hatch of its bars.
    "running" is derived: the part of a thread's life not covered by any recorded wait.
    Colours: the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies);
    a hatch tells apart the states that share a colour family."""

    def __new__(cls, name: str, label: str, verb: str, color: str, hatch: str = ""):
        member = str.__new__(cls, name)
        member._value_ = name
        member.label, member.verb, member.color, member.hatch = label, verb, color, hatch
        return member

    RUNNING = "running", "running", "ran", "#009e73"
    SLEEPING = "sleeping", "sleeping", "slept", "#56b4e9"
    BLOCKED = "blocked", "blocked on a lock", "waited for a lock", "#d55e00"
    QUEUE = "queue", "waiting on a queue", "waited on a queue", "#e69f00"
    JOINING = "joining", "joining a thread", "joined other threads", "#cc79a7"
    EVENT = "event", "waiting on an event", "waited on an event", "#f0e442"
    CONDITION = "condition", "waiting on a condition", "waited on a condition", "#999999"
    SEMAPHORE = "semaphore", "waiting on a semaphore", "waited on a semaphore", "#d55e00", "//"
    BARRIER = "barrier", "waiting at a barrier", "waited at a barrier", "#f0e442", "//"
    NETWORK = "network", "waiting on the network", "waited on the network", "#0072b2"


SPAN = "span"  # a phase the code labelled itself, drawn over the states


@dataclass
class ThreadRow:
    index: int
    name: str
    daemon: bool
    start: float
    end: float | None = None  # None: still alive when the recording stopped
    cpu: float | None = None  # processor seconds the thread used while recorded (time.thread_time)


@dataclass(frozen=True)
class Interval:
    row: int
    state: str
    start: float
    end: float
    detail: str = ""


@dataclass(frozen=True)
class Instant:
    row: int
    kind: str  # "start", "end" or "exception"
    time: float
    detail: str = ""


@dataclass
class Timeline:
    origin: float
    stop: float
    rows: list[ThreadRow] = field(default_factory=list)
    intervals: list[Interval] = field(default_factory=list)
    instants: list[Instant] = field(default_factory=list)

    def row(self, name: str) -> ThreadRow:
        for row in self.rows:
            if row.name == name:
                return row
        raise KeyError(f"no thread named {name!r} in this timeline")

    def intervals_of(self, name: str, state: str | None = None) -> list[Interval]:
        index = self.row(name).index
        return [i for i in self.intervals if i.row == index and (state is None or i.state == state)]

    def spans(self) -> list[Interval]:
        return [i for i in self.intervals if i.state == SPAN]

    def running(self, row: ThreadRow) -> list[tuple[float, float]]:
        """The parts of a thread's life not spent in any recorded waiting state."""
        end = self.stop if row.end is None else row.end
        busy = sorted((i.start, i.end) for i in self.intervals if i.row == row.index and i.state != SPAN)
        gaps, cursor = [], row.start
        for start, stop in busy:
            if start > cursor:
                gaps.append((cursor, start))
            cursor = max(cursor, stop)
        if end > cursor:
            gaps.append((cursor, end))
        return gaps

    def state_intervals(self) -> list[Interval]:
        """Recorded intervals plus the derived running ones, spans excluded."""
        derived = [Interval(row.index, State.RUNNING, a, b) for row in self.rows for a, b in self.running(row)]
        return derived + [i for i in self.intervals if i.state != SPAN]

    @property
    def duration(self) -> float:
        return self.stop - self.origin

    def to_records(self) -> dict:
        """Plain Python data (lists and dicts), times in seconds from the start."""

        def shift(record: dict, *keys: str) -> dict:
            for key in keys:
                if record[key] is not None:
                    record[key] = record[key] - self.origin
            return record

        return {
            "duration": self.duration,
            "threads": [shift(asdict(r), "start", "end") for r in self.rows],
            "intervals": [shift(asdict(i), "start", "end") for i in self.intervals],
            "instants": [shift(asdict(i), "time") for i in self.instants],
        }

    def to_chrome_trace(self) -> dict:
        """Trace-event JSON that Perfetto and chrome://tracing open."""

        def us(t: float) -> float:
            return round((t - self.origin) * 1e6, 3)

        events = [
            {"ph": "M", "name": "thread_name", "pid": 1, "tid": r.index, "args": {"name": r.name}}
            for r in self.rows
        ]
        for i in self.state_intervals() + self.spans():
            name = i.detail if i.state == SPAN else State(i.state).label
            events.append({"ph": "X", "name": name, "cat": str(i.state), "pid": 1, "tid": i.row,
                           "ts": us(i.start), "dur": us(i.end) - us(i.start), "args": {"detail": i.detail}})
        for i in self.instants:
            events.append({"ph": "i", "s": "t", "name": i.kind, "pid": 1, "tid": i.row,
                           "ts": us(i.time), "args": {"detail": i.detail}})
        return {"traceEvents": events, "displayTimeUnit": "ms"}

    def save_chrome_trace(self, path: str) -> None:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(self.to_chrome_trace(), out)


def max_overlap(intervals: list[tuple[float, float]]) -> tuple[int, float, float]:
    """Most (start, end) intervals open at once, and the longest window where that many overlap."""
    # Ends sort before starts at the same instant: touching intervals do not overlap.
    events = sorted([(a, 1) for a, _ in intervals] + [(b, -1) for _, b in intervals])
    best, current, opened = 0, 0, 0.0
    window = (0.0, 0.0)
    for time, step in events:
        if step < 0 and current == best and time - opened > window[1] - window[0]:
            window = (opened, time)
        current += step
        if current > best:
            best, window = current, (time, time)
        if current == best and step > 0:
            opened = time
    return best, window[0], window[1]
