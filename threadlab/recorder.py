"""Record what threads do, by observing ordinary, unchanged threading code.

While `record_timeline()` is active, a few blocking calls are patched so each
reports how long it waited and in which state: `time.sleep`, acquiring a lock
made by `threading.Lock()`/`RLock()`, `queue.Queue.get/put`, `Thread.join`,
`Event.wait`, `Condition.wait`, `Semaphore.acquire`, `Barrier.wait`, and the
blocking calls of sockets (`accept`, `recv`, `recv_into`, `recvfrom`, `connect`,
`sendall`, `socket.create_connection`). Waits the standard library makes for its
own plumbing (a queue's condition, an Event's) are not the learner's and are not
recorded twice. Threads started inside the block get a row each, with the
processor time they used. Everything patched is put back on exit, even when the
block raises.
"""

from __future__ import annotations

import _thread
import contextlib
import functools
import itertools
import queue
import socket
import sys
import sysconfig
import threading
import time
from collections.abc import Iterator
from dataclasses import replace

from .timeline import SPAN, Instant, Interval, State, ThreadRow, Timeline

_clock = time.perf_counter
_cpu_clock = time.thread_time
_sleep = time.sleep
_Lock = threading.Lock
_RLock = threading.RLock
_queue_get = queue.Queue.get
_queue_put = queue.Queue.put
_join = threading.Thread.join
_event_wait = threading.Event.wait
_barrier_wait = threading.Barrier.wait
_condition_wait = threading.Condition.wait
_condition_wait_for = threading.Condition.wait_for
_semaphore_acquire = threading.Semaphore.acquire
_create_connection = socket.create_connection
_SOCKET_WAITS = ("accept", "recv", "recv_into", "recvfrom", "connect", "sendall")
_start = threading.Thread.start

# Locks made by the standard library (queues, conditions, executors) are its own
# plumbing: wrapping them would record noise, and wrapping threading's own
# locks deadlocks Thread.start.
_STDLIB = sysconfig.get_paths()["stdlib"]
_PACKAGE = __file__.rsplit("/", 1)[0]

# Recordings now running (they may nest or overlap); the patches stay in place while any is active.
_active: tuple[Recorder, ...] = ()
_registry = _thread.allocate_lock()


class Recorder:
    """Collects events from every thread. Appends and `next()` are atomic: no lock on the hot path."""

    def __init__(self) -> None:
        self.origin = _clock()
        self._local = threading.local()
        self._next_row = itertools.count()
        self._rows: dict[int, ThreadRow] = {}  # rows number threads in start order
        self._intervals: list[tuple] = []
        self._exceptions: list[tuple] = []
        self._open: dict[int, tuple] = {}  # row -> the wait that thread is in now

    def row(self) -> int | None:
        """This thread's row: the recording thread and threads started while recording have one."""
        return getattr(self._local, "row", None)

    def thread_started(self, thread: threading.Thread) -> None:
        row = self._local.row = next(self._next_row)
        self._local.cpu = _cpu_clock()
        self._rows[row] = ThreadRow(row, thread.name, thread.daemon, _clock())

    def thread_ended(self, thread: threading.Thread, at: float | None = None) -> None:
        row = self._rows[self._local.row]
        row.name, row.end, row.cpu = thread.name, _clock() if at is None else at, _cpu_clock() - self._local.cpu

    def thread_raised(self, exc: BaseException) -> None:
        self._exceptions.append((self._local.row, _clock(), f"{type(exc).__name__}: {exc}"))

    def add(self, row: int, state: str, start: float, end: float, detail: str = "") -> None:
        self._intervals.append((row, state, start, end, detail))

    def wait_began(self, row: int, state: str, start: float, detail: str) -> bool:
        """False when the thread is already inside a recorded wait (create_connection's connect)."""
        if row in self._open:
            return False
        self._open[row] = (row, state, start, detail)
        return True

    def wait_ended(self, row: int, state: str, start: float, end: float, detail: str) -> None:
        self._intervals.append((row, state, start, end, detail))
        del self._open[row]

    def timeline(self, stop: float) -> Timeline:
        """A snapshot at `stop`: what threads do afterwards does not leak in."""
        # A thread that ended after `stop` was still alive then: no end, and its processor time unknown.
        rows = [replace(r) if r.end is not None and r.end <= stop else replace(r, end=None, cpu=None)
                for _, r in sorted(self._rows.items())]
        instants = [Instant(r.index, "start", r.start) for r in rows[1:]]
        instants += [Instant(r.index, "end", r.end) for r in rows[1:] if r.end is not None]
        instants += [Instant(row, "exception", time, detail) for row, time, detail in self._exceptions if time <= stop]
        return Timeline(
            origin=self.origin,
            stop=stop,
            rows=rows,
            # A wait still going on when the recording stops is drawn up to the stop.
            intervals=[Interval(row, state, start, min(end, stop), detail)
                       for row, state, start, end, detail in self._intervals if start < stop]
            + [Interval(row, state, start, stop, detail) for row, state, start, detail in list(self._open.values())],
            instants=sorted(instants, key=lambda i: i.time),
        )


def _waiting(state: str, detail: str, call, *args, **kwargs):
    """Make the blocking `call`, recording the wait for every recording that follows this thread."""
    if len(_active) == 1:  # the usual case, kept lean
        recorder = _active[0]
        row = getattr(recorder._local, "row", None)
        start = _clock()
        if row is None or not recorder.wait_began(row, state, start, detail):
            return call(*args, **kwargs)
        try:
            return call(*args, **kwargs)
        finally:
            recorder.wait_ended(row, state, start, _clock(), detail)
    start = _clock()
    waits = []
    for recorder in _active:
        row = recorder.row()
        if row is not None and recorder.wait_began(row, state, start, detail):
            waits.append((recorder, row))
    if not waits:  # not recording, or a thread that was running before the recording began
        return call(*args, **kwargs)
    try:
        return call(*args, **kwargs)
    finally:
        end = _clock()
        for recorder, row in waits:
            recorder.wait_ended(row, state, start, end, detail)


@functools.wraps(_sleep)
def _recorded_sleep(seconds: float) -> None:
    # A sleep's end is known when it begins: recording it up front leaves nothing to do on waking,
    # when many threads wake at once and would queue for the GIL to do their bookkeeping.
    if seconds > 0:
        start = _clock()
        for recorder in _active:
            row = recorder.row()
            if row is not None:
                recorder.add(row, State.SLEEPING, start, start + seconds)
    return _sleep(seconds)


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
        return _waiting(State.BLOCKED, self._kind, self._lock.acquire, True, timeout)

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


def _made_by_library(depth: int = 2) -> bool:
    """Whether the caller `depth` frames up is the standard library's plumbing or threadlab's own."""
    frame = sys._getframe(depth)
    if frame.f_code is _condition_wait_for.__code__:  # wait_for's own waits belong to its caller
        frame = frame.f_back
    filename = frame.f_code.co_filename
    return filename.startswith(_STDLIB) or filename.startswith(_PACKAGE)


@functools.wraps(_Lock)
def _recorded_lock():
    lock = _Lock()
    return lock if _made_by_library() else _RecordedLock(lock, "Lock")


@functools.wraps(_RLock)
def _recorded_rlock(*args, **kwargs):
    lock = _RLock(*args, **kwargs)
    return lock if _made_by_library() else _RecordedLock(lock, "RLock")


@functools.wraps(_queue_get)
def _recorded_get(self, block=True, timeout=None):
    if not block:
        return _queue_get(self, False)
    try:
        return _queue_get(self, False)
    except queue.Empty:
        return _waiting(State.QUEUE, "get", _queue_get, self, True, timeout)


@functools.wraps(_queue_put)
def _recorded_put(self, item, block=True, timeout=None):
    if not block:
        return _queue_put(self, item, False)
    try:
        return _queue_put(self, item, False)
    except queue.Full:
        return _waiting(State.QUEUE, "put", _queue_put, self, item, True, timeout)


@functools.wraps(_join)
def _recorded_join(self, timeout=None):
    if not self.is_alive():
        return _join(self, timeout)
    return _waiting(State.JOINING, self.name, _join, self, timeout)


def _threading_internal() -> bool:
    """Called by threading's own machinery (Thread.start waits on an Event), not by a thread's target."""
    code = sys._getframe(2).f_code
    return code.co_filename == threading.__file__ and code.co_name != "run"


@functools.wraps(_event_wait)
def _recorded_event_wait(self, timeout=None):
    if self.is_set() or _threading_internal():
        return _event_wait(self, timeout)
    return _waiting(State.EVENT, "Event", _event_wait, self, timeout)


@functools.wraps(_barrier_wait)
def _recorded_barrier_wait(self, timeout=None):
    return _waiting(State.BARRIER, "Barrier", _barrier_wait, self, timeout)


@functools.wraps(_condition_wait)
def _recorded_condition_wait(self, timeout=None):
    if _made_by_library():
        return _condition_wait(self, timeout)
    return _waiting(State.CONDITION, "Condition", _condition_wait, self, timeout)


@functools.wraps(_semaphore_acquire)
def _recorded_semaphore_acquire(self, blocking=True, timeout=None):
    if _semaphore_acquire(self, False):
        return True
    if not blocking:
        return False
    if _made_by_library():
        return _semaphore_acquire(self, True, timeout)
    return _waiting(State.SEMAPHORE, type(self).__name__, _semaphore_acquire, self, True, timeout)


def _network(name: str, call):
    """`call` (a socket method, or create_connection) with its time recorded as a network wait."""

    @functools.wraps(call)
    def recorded(*args, **kwargs):
        return _waiting(State.NETWORK, name, call, *args, **kwargs)

    return recorded


@functools.wraps(_start)
def _recorded_start(self):
    # Follow the new thread in the recordings that follow the thread starting it.
    if len(_active) == 1:
        recorders = _active if _active[0].row() is not None else ()
    else:
        recorders = tuple(r for r in _active if r.row() is not None)
    if not recorders or "run" in vars(self):
        return _start(self)
    run = self.run

    def observed_run():
        for recorder in recorders:
            recorder.thread_started(self)
        try:
            run()
        except BaseException as exc:
            for recorder in recorders:
                recorder.thread_raised(exc)
            raise
        finally:
            for recorder in recorders:
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
    (threading.Condition, "wait", _condition_wait, _recorded_condition_wait),
    (threading.Semaphore, "acquire", _semaphore_acquire, _recorded_semaphore_acquire),
    (threading.Semaphore, "__enter__", _semaphore_acquire, _recorded_semaphore_acquire),
    (threading.Thread, "start", _start, _recorded_start),
    (socket, "create_connection", _create_connection, _network("create_connection", _create_connection)),
    *[(socket.socket, name, getattr(socket.socket, name), _network(name, getattr(socket.socket, name)))
      for name in _SOCKET_WAITS],
]
# Attributes a class inherits (a socket's recv is _socket.socket's): deleted again on exit, not set.
_INHERITED = {(owner, name) for owner, name, _, _ in _PATCHES if name not in vars(owner)}
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


def _begin(recorder: Recorder) -> None:
    global _active
    with _registry:
        if not _active:
            for owner, name, _, replacement in _PATCHES:
                setattr(owner, name, replacement)
        _active += (recorder,)


def _end(recorder: Recorder) -> None:
    global _active
    with _registry:
        _active = tuple(r for r in _active if r is not recorder)
        if not _active:
            for owner, name, original, _ in _PATCHES:
                if (owner, name) in _INHERITED:
                    delattr(owner, name)
                else:
                    setattr(owner, name, original)


@contextlib.contextmanager
def record_timeline() -> Iterator[Timeline]:
    """Record the threads of the `with` block; the Timeline fills in when the block ends.

    Usage: `with record_timeline() as tl: ...` then `plot_timeline(tl)`. Rows: the
    recording thread and every thread started inside the block. Recordings may nest
    or overlap (a test recording code that records): each sees its own block.
    """
    recorder = Recorder()
    result = Timeline(origin=recorder.origin, stop=recorder.origin)
    namespaces = [sys._getframe(2).f_globals]
    main = sys.modules.get("__main__")
    if main is not None and vars(main) is not namespaces[0]:
        namespaces.append(vars(main))
    recorder.thread_started(threading.current_thread())  # the recording thread is the first row
    _begin(recorder)
    rebound = _rebind_aliases(namespaces)
    try:
        yield result
    finally:
        _end(recorder)
        for namespace, name, original in rebound:
            if namespace.get(name) is _ALIASES[id(original)]:
                namespace[name] = original
        stop = _clock()
        recorder.thread_ended(threading.current_thread(), at=stop)
        vars(result).update(vars(recorder.timeline(stop)))


@contextlib.contextmanager
def span(label: str) -> Iterator[None]:
    """Label a phase of the current thread ("download", "parse") on the active timeline."""
    recorders = _active
    start = _clock()
    try:
        yield
    finally:
        end = _clock()
        for recorder in recorders:
            row = recorder.row()
            if row is not None:
                recorder.add(row, SPAN, start, end, label)
