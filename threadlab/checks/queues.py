"""Checks shared by the queue exercises: a queue that tells when its consumers are waiting,
a bounded `q.join()`, and a bounded drain up to the `None` sentinel."""

from __future__ import annotations

import queue
import threading

from ..testing import Mistake


class WatchedQueue(queue.Queue):
    """A Queue that sets `all_looked` once `consumers` threads have looked at it.

    A thread looks by calling get(), empty() or qsize(). A test can then start
    producing only after every consumer has seen the queue empty, which is
    exactly when a `while not q.empty()` loop gives up. Non-blocking looks are
    counted after they answer, so the answer cannot change in between.
    """

    def __init__(self, consumers: int, maxsize: int = 0) -> None:
        super().__init__(maxsize)
        self.consumers = consumers
        self.all_looked = threading.Event()
        self._lookers: set[threading.Thread] = set()  # threads, not idents: a finished thread's ident is reused
        self._lookers_lock = threading.Lock()

    def _looked(self) -> None:
        with self._lookers_lock:
            self._lookers.add(threading.current_thread())
            if len(self._lookers) >= self.consumers:
                self.all_looked.set()

    def get(self, block: bool = True, timeout: float | None = None):
        if block:
            self._looked()
            return super().get(block, timeout)
        try:
            return super().get(False)
        finally:
            self._looked()

    def empty(self) -> bool:
        answer = super().empty()
        self._looked()
        return answer

    def qsize(self) -> int:
        answer = super().qsize()
        self._looked()
        return answer


def joins_within(q: queue.Queue, timeout: float = 2.0) -> bool:
    """True if `q.join()` returns within `timeout`.

    The join runs in a daemon helper: a missing task_done() then costs one
    bounded wait instead of hanging the notebook.
    """
    helper = threading.Thread(target=q.join, name="queue-join-helper", daemon=True)
    helper.start()
    helper.join(timeout)
    return not helper.is_alive()


def take_until_none(q: queue.Queue, timeout: float = 2.0) -> list:
    """Take items until the `None` sentinel; fail if the queue stays empty for `timeout` seconds."""
    taken = []
    while True:
        try:
            item = q.get(timeout=timeout)
        except queue.Empty:
            raise Mistake(f"The queue stayed empty for {timeout:g} s after {len(taken)} item(s) and no None "
                          "arrived: the producer should put every item, then None.") from None
        if item is None:
            return taken
        taken.append(item)
