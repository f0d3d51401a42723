"""Checks for notebook 04 (worker pools): an echo client that never hangs, gated tasks, and a thread
watch that makes "still running after the call returned" visible without luck.

Every socket made here has a timeout, and only 127.0.0.x is ever contacted, so a
test still ends when the learner's server never answers. Every wait is bounded.
"""

from __future__ import annotations

import _thread
import socket
import sys
import threading
import time
from collections.abc import Callable, Hashable, Iterable

from ..testing import Mistake, kernel_machinery

TIMEOUT = 2.0  # seconds any one socket operation may take before the check gives up
HOLD = 5.0  # seconds at most a watched thread is held at its exit when nobody joins it
HELPER = "bounded-"  # the tests' own helper threads (call_with_timeout's, and Call's below)

_JOIN = threading.Thread.join.__code__
_BOOTSTRAP = threading.Thread._bootstrap_inner.__code__
_WAIT = threading.Condition.wait.__code__  # under Queue.get/put/join, Event.wait, Barrier.wait, Semaphore
_SLEEP = time.sleep


# -- sockets -----------------------------------------------------------------------------------------
def connect(address: tuple[str, int], timeout: float = TIMEOUT) -> socket.socket:
    """A client connected to `address`; each later send or receive gives up after `timeout` s."""
    try:
        return socket.create_connection(tuple(address), timeout=timeout)
    except OSError as exc:
        raise Mistake(f"could not connect to the server at {address} ({exc}): is it listening on 127.0.0.1?")


def receive(client: socket.socket, size: int, timeout: float = TIMEOUT) -> bytes | None:
    """Read `size` bytes; None when they do not all arrive within `timeout` s (or the server hung up first)."""
    client.settimeout(timeout)
    reply = b""
    try:
        while len(reply) < size:
            chunk = client.recv(size - len(reply))
            if not chunk:  # the server hung up
                return reply or None
            reply += chunk
    except (TimeoutError, ConnectionError):
        return None
    return reply


def echo(client: socket.socket, message: bytes, timeout: float = TIMEOUT) -> bytes | None:
    """Send `message` and read back as many bytes; None when the whole reply does not come in time
    (or the server had already hung up on this client)."""
    try:
        client.sendall(message)
    except OSError:
        return None
    return receive(client, len(message), timeout)


def disconnected(client: socket.socket, timeout: float = TIMEOUT) -> bool:
    """True when the server hangs up on `client` (end of stream, or a reset) within `timeout` s."""
    client.settimeout(timeout)
    try:
        while client.recv(1024):
            pass  # an echo still on its way
    except TimeoutError:
        return False
    except OSError:  # reset: the server closed a connection with unread bytes
        return True
    return True


def refuses(address: tuple[str, int], timeout: float = TIMEOUT) -> bool:
    """True when nothing listens at `address` any more: a connection attempt is refused."""
    try:
        socket.create_connection(tuple(address), timeout=timeout).close()
    except ConnectionRefusedError:
        return True
    except OSError:  # timed out: a listening socket is still there, just not accepting
        return False
    return False


def listens_beyond_loopback_address(port: int) -> bool:
    """True when a connection to 127.0.0.2:`port` is accepted: the socket was bound to every interface
    ('' or 0.0.0.0), not to 127.0.0.1 alone. (On Linux all of 127/8 reaches this machine, but a socket
    bound to 127.0.0.1 refuses connections sent to 127.0.0.2.)"""
    return not refuses(("127.0.0.2", port))


# -- threads -----------------------------------------------------------------------------------------
def threads_since(before: set[threading.Thread]) -> list[str]:
    """Names of threads alive now that were not in `before` (the tests' own helpers aside)."""
    return sorted(t.name for t in threading.enumerate()
                  if t not in before and t.is_alive() and not t.name.startswith(HELPER))


class ThreadWatch:
    """While active, a thread started inside the block cannot finish exiting until some thread joins it.

    "No thread of yours is running after stop() returned" is then a deterministic check: a thread that
    nobody joined is still alive when the call returns, however fast it would have ended by itself, while a
    correct program loses no time (its join releases the thread at once). Threads are held (at most `hold` s)
    just after their run() returns; leaving the block releases them all.

    `caller_waits` is set the first time one of the tests' helper threads (call_with_timeout's) starts to
    wait: joins a thread, waits on a Condition (Queue.get/join, Event.wait, ...), or sleeps. Tasks gated on
    it run only once the learner's call has got as far as waiting for them (and at the latest when the
    block ends).
    """

    def __init__(self, hold: float = HOLD) -> None:
        self.hold = hold
        self.caller_waits = threading.Event()
        self._gates: dict[threading.Thread, threading.Event] = {}
        self._lock = _thread.allocate_lock()
        self._open = False
        self._main_profile = None

    def __enter__(self) -> ThreadWatch:
        self._main_profile = sys.getprofile()
        threading.setprofile(self._profile)  # threads started from now on
        sys.setprofile(self._profile)  # this thread: its joins count too
        return self

    def __exit__(self, *exc) -> None:
        sys.setprofile(self._main_profile)
        threading.setprofile(None)
        self.caller_waits.set()  # tasks gated on it end too
        self.release_all()

    def release_all(self) -> None:
        with self._lock:
            self._open = True
            gates = list(self._gates.values())
        for gate in gates:
            gate.set()

    def _gate(self, thread: threading.Thread) -> threading.Event:
        with self._lock:
            gate = self._gates.get(thread)
            if gate is None:
                gate = self._gates[thread] = threading.Event()
                if self._open:
                    gate.set()
            return gate

    def _profile(self, frame, event: str, arg) -> None:
        try:
            if event == "call":
                code = frame.f_code
                if code is _JOIN:
                    target = frame.f_locals.get("self")
                    if isinstance(target, threading.Thread):
                        self._gate(target).set()
                    self._waiting()
                elif code is _WAIT:
                    self._waiting()
            elif event == "c_call":
                if arg is _SLEEP:
                    self._waiting()
            elif event == "return":
                back, code = frame.f_back, frame.f_code
                if back is not None and back.f_code is _BOOTSTRAP and (  # run() (or a wrapper of it) returns,
                        code.co_name == "run" or code.co_filename != threading.__file__):  # not _delete()
                    thread = threading.current_thread()
                    if not thread.name.startswith(HELPER) and not kernel_machinery(thread):
                        self._gate(thread).wait(self.hold)
        except Exception:  # the watch must never break the code it watches
            pass

    def _waiting(self) -> None:
        if not self.caller_waits.is_set() and threading.current_thread().name.startswith(HELPER):
            self.caller_waits.set()


class Call:
    """Run `func(*args)` in a daemon helper thread now; `returned` is set as soon as it returns or raises."""

    def __init__(self, func: Callable, *args) -> None:
        self.name = getattr(func, "__name__", "the function")
        self.returned = threading.Event()
        self.value = self.error = None
        self.thread = threading.Thread(target=self._run, args=(func, args), name=f"{HELPER}{self.name}", daemon=True)
        self.thread.start()

    def _run(self, func: Callable, args: tuple) -> None:
        try:
            self.value = func(*args)
        except BaseException as exc:  # handed back by result()
            self.error = exc
        finally:
            self.returned.set()

    def result(self, timeout: float = 3.0, hint: str = ""):
        """The value, or the call's own exception raised again; fails if it has not returned in `timeout` s."""
        if not self.returned.wait(timeout):
            raise Mistake(f"{self.name}() did not finish within {timeout:g} s. {hint}".strip())
        if self.error is not None:
            raise self.error
        return self.value


class Gated:
    """Tasks keyed by their argument: each one tells when it starts, and returns `result(key)` only once the
    test opens its gate (or after `bound` s, so nothing waits forever)."""

    def __init__(self, keys: Iterable[Hashable], result: Callable = lambda key: key, bound: float = 3.0) -> None:
        self.keys = list(keys)
        self.result = result
        self.bound = bound
        self.started = {key: threading.Event() for key in self.keys}
        self.gates = {key: threading.Event() for key in self.keys}
        self.finished = {key: threading.Event() for key in self.keys}

    def __call__(self, key):
        self.started[key].set()
        self.gates[key].wait(self.bound)
        self.finished[key].set()
        return self.result(key)

    def all_started(self, timeout: float = 2.0) -> bool:
        deadline = time.monotonic() + timeout
        return all(self.started[key].wait(max(0.0, deadline - time.monotonic())) for key in self.keys)

    def release(self, order: Iterable[Hashable], timeout: float = 2.0) -> None:
        """Open the gates one by one in `order`; after each, wait until that task has finished, if it had started
        (a task that has not started yet will find its gate open)."""
        for key in order:
            self.gates[key].set()
            if self.started[key].is_set():
                self.finished[key].wait(timeout)

    def open_all(self) -> None:
        for gate in self.gates.values():
            gate.set()


def call_or_error(func: Callable, *args, timeout: float = 3.0, hint: str = "") -> tuple[object, BaseException | None]:
    """(value, None), or (None, the exception `func` raised); a call that hangs fails as in call_with_timeout."""
    call = Call(func, *args)
    try:
        return call.result(timeout, hint), None
    except Mistake:
        raise
    except Exception as exc:
        return None, exc


def submit_each(pool, calls: Iterable[tuple]) -> list[BaseException]:
    """`pool.submit(*call)` for each call; the exceptions submit() itself raised (it should raise none)."""
    raised = []
    for call in calls:
        try:
            pool.submit(*call)
        except Exception as exc:
            raised.append(exc)
    return raised
