"""Record what threads do, by observing ordinary, unchanged threading code.

While `record_timeline()` is active, a few blocking calls are patched so each
reports how long it waited and in which state: `time.sleep`, acquiring a lock
made by `threading.Lock()`/`RLock()`, `queue.Queue.get/put`, `Thread.join`,
`Event.wait` and `Barrier.wait`. Threads started inside the block get a row
each. Everything patched is put back on exit, even when the block raises.
"""

from __future__ import annotations

import _thread
import contextlib
import dataclasses
import queue
import sys
import sysconfig
import threading
import time
from collections.abc import Iterator

from .timeline import SPAN, Instant, Interval, ThreadRow, Timeline

_clock = time.perf_counter
_sleep = time.sleep
_Lock = threading.Lock
_RLock = threading.RLock
_queue_get = queue.Queue.get
_queue_put = queue.Queue.put
_join = threading.Thread.join
_event_wait = threading.Event.wait
_barrier_wait = threading.Barrier.wait
_start = threading.Thread.start

# Locks made by the standard library (queues, conditions, executors) are its own
# plumbing: wrapping them would record noise, and wrapping threading's own
# locks deadlocks Thread.start.
_STDLIB = sysconfig.get_paths()["stdlib"]
_PACKAGE = __file__.rsplit("/", 1)[0]

_active: Recorder | None = None
_claim = _thread.allocate_lock()


class Recorder:
    """Collects events from every thread; appends are atomic, so no lock on the hot path."""

    def __init__(self) -> None:
        self.origin = _clock()
        self._local = threading.local()
        self._rows: list[ThreadRow] = []
        self._rows_lock = _thread.allocate_lock()
        self._intervals: list[tuple] = []
        self._instants: list[tuple] = []
        self._open: dict[int, tuple] = {}  # thread ident -> the wait it is in now

    def _row(self) -> int:
        try:
            return self._local.row
        except AttributeError:
            return self._add_row(threading.current_thread(), _clock())

    def _add_row(self, thread: threading.Thread, start: float) -> int:
        with self._rows_lock:
            index = len(self._rows)
            self._rows.append(ThreadRow(index, thread.name, thread.daemon, start))
        self._local.row = index
        return index

    def interval(self, state: str, start: float, end: float, detail: str = "") -> None:
        self._intervals.append((self._row(), state, start, end, detail))

    def instant(self, kind: str, detail: str = "") -> None:
        self._instants.append((self._row(), kind, _clock(), detail))

    def thread_started(self, thread: threading.Thread) -> None:
        self._add_row(thread, _clock())
        self.instant("start")

    def thread_ended(self, thread: threading.Thread) -> None:
        row = self._rows[self._local.row]
        row.name, row.end = thread.name, _clock()
        self.instant("end")

    def timeline(self, stop: float) -> Timeline:
        return Timeline(
            origin=self.origin,
            stop=stop,
            rows=[dataclasses.replace(row) for row in self._rows],  # later thread ends don't leak in
            # A wait still going on when the recording stops is drawn up to the stop.
            intervals=[Interval(*i) for i in self._intervals]
            + [Interval(row, state, start, stop, detail) for row, state, start, detail in list(self._open.values())],
            instants=[Instant(*i) for i in self._instants],
        )


def _waiting(state: str, detail: str, call, *args, **kwargs):
    recorder = _active
    if recorder is None:
        return call(*args, **kwargs)
    key = _thread.get_ident()
    wait = recorder._open[key] = (recorder._row(), state, _clock(), detail)
    try:
        return call(*args, **kwargs)
    finally:
        del recorder._open[key]
        recorder._intervals.append((wait[0], state, wait[2], _clock(), detail))


def _recorded_sleep(seconds: float) -> None:
    if seconds <= 0:
        return _sleep(seconds)
    return _waiting("sleeping", "", _sleep, seconds)


class _RecordedLock:
    """A lock that reports the time its owner spent blocked waiting for it."""

    __slots__ = ("_lock", "_kind")

    def __init__(self, lock, kind: str) -> None:
        self._lock = lock
        self._kind = kind

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        if self._lock.acquire(False):
            return True
        if not blocking:
            return False
        return _waiting("blocked", self._kind, self._lock.acquire, True, timeout)

    __enter__ = acquire

    def __exit__(self, *exc_info) -> None:
        self._lock.release()

    def release(self) -> None:
        self._lock.release()

    def locked(self) -> bool:
        return self._lock.locked()

    def __getattr__(self, name: str):
        # Condition uses an RLock's _is_owned/_release_save/_acquire_restore.
        return getattr(self._lock, name)

    def __repr__(self) -> str:
        return f"<recorded {self._lock!r}>"


def _made_by_library() -> bool:
    filename = sys._getframe(2).f_code.co_filename
    return filename.startswith(_STDLIB) or filename.startswith(_PACKAGE)


def _recorded_lock():
    lock = _Lock()
    return lock if _made_by_library() else _RecordedLock(lock, "Lock")


def _recorded_rlock(*args, **kwargs):
    lock = _RLock(*args, **kwargs)
    return lock if _made_by_library() else _RecordedLock(lock, "RLock")


def _recorded_get(self, block=True, timeout=None):
    if not block:
        return _queue_get(self, False)
    try:
        return _queue_get(self, False)
    except queue.Empty:
        return _waiting("queue", "get", _queue_get, self, True, timeout)


def _recorded_put(self, item, block=True, timeout=None):
    if not block:
        return _queue_put(self, item, False)
    try:
        return _queue_put(self, item, False)
    except queue.Full:
        return _waiting("queue", "put", _queue_put, self, item, True, timeout)


def _recorded_join(self, timeout=None):
    if not self.is_alive():
        return _join(self, timeout)
    return _waiting("joining", self.name, _join, self, timeout)


def _threading_internal() -> bool:
    """Called by threading's own machinery (Thread.start waits on an Event), not by a thread's target."""
    code = sys._getframe(2).f_code
    return code.co_filename == threading.__file__ and code.co_name != "run"


def _recorded_event_wait(self, timeout=None):
    if self.is_set() or _threading_internal():
        return _event_wait(self, timeout)
    return _waiting("waiting", "Event", _event_wait, self, timeout)


def _recorded_barrier_wait(self, timeout=None):
    return _waiting("waiting", "Barrier", _barrier_wait, self, timeout)


def _recorded_start(self):
    recorder = _active
    if recorder is None or "run" in vars(self):
        return _start(self)
    run = self.run

    def observed_run():
        recorder.thread_started(self)
        try:
            run()
        except BaseException as exc:
            recorder.instant("exception", f"{type(exc).__name__}: {exc}")
            raise
        finally:
            recorder.thread_ended(self)

    self.run = observed_run
    try:
        return _start(self)
    except BaseException:
        del self.run
        raise


# (owner, attribute, original, replacement)
_PATCHES = [
    (time, "sleep", _sleep, _recorded_sleep),
    (threading, "Lock", _Lock, _recorded_lock),
    (threading, "RLock", _RLock, _recorded_rlock),
    (queue.Queue, "get", _queue_get, _recorded_get),
    (queue.Queue, "put", _queue_put, _recorded_put),
    (threading.Thread, "join", _join, _recorded_join),
    (threading.Event, "wait", _event_wait, _recorded_event_wait),
    (threading.Barrier, "wait", _barrier_wait, _recorded_barrier_wait),
    (threading.Thread, "start", _start, _recorded_start),
]
# Names a notebook may have imported directly (`from time import sleep`).
_ALIASES = {id(original): replacement for _, _, original, replacement in _PATCHES[:3]}


def _rebind_aliases(namespaces: list[dict]) -> list[tuple[dict, str, object]]:
    rebound = []
    for namespace in namespaces:
        for name, value in list(namespace.items()):
            replacement = _ALIASES.get(id(value))
            if replacement is not None and not name.startswith("__"):
                namespace[name] = replacement
                rebound.append((namespace, name, value))
    return rebound


@contextlib.contextmanager
def record_timeline() -> Iterator[Timeline]:
    """Record the threads of the `with` block; the Timeline fills in when the block ends.

    Usage: `with record_timeline() as tl: ...` then `plot_timeline(tl)`.
    """
    global _active
    if not _claim.acquire(False):
        raise RuntimeError("record_timeline() is already recording: finish that `with` block before starting another")
    recorder = Recorder()
    result = Timeline(origin=recorder.origin, stop=recorder.origin)
    namespaces = [sys._getframe(2).f_globals]
    main = sys.modules.get("__main__")
    if main is not None and vars(main) is not namespaces[0]:
        namespaces.append(vars(main))
    rebound = []
    try:
        recorder._row()  # the recording thread is the first row
        for owner, name, _, replacement in _PATCHES:
            setattr(owner, name, replacement)
        rebound = _rebind_aliases(namespaces)
        _active = recorder
        yield result
    finally:
        _active = None
        for owner, name, original, _ in _PATCHES:
            setattr(owner, name, original)
        for namespace, name, original in rebound:
            if namespace.get(name) is _ALIASES[id(original)]:
                namespace[name] = original
        stop = _clock()
        row = recorder._rows[0]
        row.end = stop
        vars(result).update(vars(recorder.timeline(stop)))
        _claim.release()


@contextlib.contextmanager
def span(label: str) -> Iterator[None]:
    """Label a phase of the current thread ("download", "parse") on the active timeline."""
    recorder = _active
    start = _clock()
    try:
        yield
    finally:
        if recorder is not None:
            recorder.interval(SPAN, start, _clock(), label)
