"""Checks for notebook 04 (worker pools): an echo client that never hangs, and leak detectors.

Every socket made here has a timeout, and only 127.0.0.1 is ever contacted, so a
test still ends when the learner's server never answers.
"""

from __future__ import annotations

import socket
import threading

from ..testing import Mistake

TIMEOUT = 2.0  # seconds any one socket operation may take before the check gives up


def connect(address: tuple[str, int], timeout: float = TIMEOUT) -> socket.socket:
    """A client connected to `address`; each later send or receive gives up after `timeout` s."""
    try:
        return socket.create_connection(tuple(address), timeout=timeout)
    except OSError as exc:
        raise Mistake(f"could not connect to the server at {address} ({exc}): is it listening on 127.0.0.1?")


def receive(client: socket.socket, size: int, timeout: float = TIMEOUT) -> bytes | None:
    """Read `size` bytes; None when they do not all arrive within `timeout` s."""
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
    """Send `message` and read back as many bytes; None when the whole reply does not come in time."""
    client.sendall(message)
    return receive(client, len(message), timeout)


def refuses(address: tuple[str, int], timeout: float = TIMEOUT) -> bool:
    """True when nothing listens at `address` any more: a connection attempt is refused."""
    try:
        socket.create_connection(tuple(address), timeout=timeout).close()
    except ConnectionRefusedError:
        return True
    except OSError:  # timed out: a listening socket is still there, just not accepting
        return False
    return False


def threads_since(before: set[threading.Thread]) -> list[str]:
    """Names of threads alive now that were not in `before` (call_with_timeout's own helpers aside)."""
    return sorted(t.name for t in threading.enumerate()
                  if t not in before and t.is_alive() and not t.name.startswith("bounded-"))

