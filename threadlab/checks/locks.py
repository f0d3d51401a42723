"""Checks for notebook 07 (locks): the check owns every object the learner's critical section calls.

On CPython >= 3.10 a thread switch inside `x += 1` is rare, so no check waits for one by luck. The
objects the learner's code reads and writes through (`Store`, `Compute`, `Account`) decide where a
switch happens: the first write (or compute) of a check can be *parked* until the check lets it go,
and every call another thread makes meanwhile is noted (`Park`). A second thread either comes in
while the first is parked (the mistake, seen every time) or stays out, blocked on the learner's
lock. "Blocked" is seen without sleeping on a guess: the other calls run traced (`Watched`), and
a thread that runs no Python code at all for `QUIET` s is waiting in C, i.e. on a lock; an answer that
keeps running code (a spin) is simply waited for, up to `FALLBACK` s. So a correct answer never fails,
and a wrong one is caught unless the machine starves a thread for `QUIET` s before its first call in.

Exercise 3's accounts carry locks the check made (`AccountLock`, all watched by one `Bank`): the bank
sees who holds and who waits for each lock, so a deadlock (two threads, each waiting without a
timeout for the lock the other holds) is seen the moment it closes; both waits then raise `Deadlock`,
so the threads end and the grader never hangs.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable

from threadlab.checks.join import BOUND, FALLBACK, QUIET, Progress, Watched
from threadlab.testing import Mistake, catch_thread_exceptions, expect, no_threads_left

DEADLOCK = ("two opposite transfers blocked each other, each holding one account's lock and waiting for the "
            "other's: take the two locks in one global order (sort the accounts by name) in every transfer.")


class Park:
    """Holds the first thread that calls `stop()` until `release()`; notes the calls other threads make meanwhile."""

    def __init__(self, progress: Progress | None = None) -> None:
        self.progress = progress or Progress()
        self.holder: threading.Thread | None = None
        self.released = False
        self.intruders: list[str] = []  # what other threads called while the holder was parked

    @property
    def parked(self) -> bool:
        return self.holder is not None and not self.released

    def visit(self, what: str) -> None:
        with self.progress.changed:
            if self.parked and threading.current_thread() is not self.holder:
                self.intruders.append(what)

    def stop(self, what: str) -> None:
        with self.progress.changed:
            if self.holder is not None or self.released:
                self.visit(what)
                return
            self.holder = threading.current_thread()
            self.progress.changed.notify_all()
            self.progress.changed.wait_for(lambda: self.released, FALLBACK + BOUND)

    def release(self) -> None:
        with self.progress.changed:
            self.released = True
            self.progress.changed.notify_all()


def _errors(caught: list) -> str:
    return "; ".join(f"{c.exc_type.__name__}: {c.exc_value}" for c in caught)


def park_first(park: Park, call: Callable, *args, name: str) -> Watched:
    """Start `call(*args)` and wait until it is parked; fail at once if it returns (or raises) first."""
    watched = Watched(call, *args, name=name, progress=park.progress).start()
    park.progress.wait_for(lambda: park.holder is not None or watched.returned.is_set(), BOUND)
    if park.holder is None:
        watched.result(hint="Does it wait for something that never happens?")  # re-raises its error
        expect(False, f"{name}() returned without the call the check parks it in; follow the spec's steps.")
    return watched


def call_bounded(func, *args, hint: str):
    """func(*args) in a traced helper thread: its value, its exception, or a Mistake after BOUND s."""
    with catch_thread_exceptions():
        return Watched(func, *args).start().result(BOUND, hint=hint)


def _make(cls, *args):
    return call_bounded(cls, *args, hint=f"{cls.__name__}(...) should only set things up.")


def settle(calls: list[Watched], bound: float = FALLBACK) -> None:
    """Wait until every call has returned or is blocked (no Python code run for QUIET s), at most `bound` s in all.

    A call still running code at the bound (a spin lock, say) is simply let be: no verdict rests on it."""
    deadline = time.monotonic() + bound
    for call in calls:
        call.idle_for(QUIET, max(QUIET, deadline - time.monotonic()))


def run_in_threads(func: Callable, argument_lists: list[list[tuple]], bound: float = BOUND) -> list[list]:
    """One thread per list of argument tuples, all at once; each calls `func(*args)` for each tuple in turn.

    Returns each thread's results. Every join is bounded; an exception in a thread fails the check with its name.
    """
    results: list[list] = [[] for _ in argument_lists]
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for args in argument_lists[i]:
                results[i].append(func(*args))
        except BaseException as exc:  # reported below, in the checking thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,), daemon=True, name=f"caller {i}")
               for i in range(len(argument_lists))]
    deadline = time.monotonic() + bound
    with catch_thread_exceptions():
        for t in threads:
            t.start()
        for t in threads:
            t.join(max(0.0, deadline - time.monotonic()))
    stuck = sum(t.is_alive() for t in threads)
    if errors:
        if isinstance(errors[0], Deadlock):
            raise Mistake(DEADLOCK)
        raise errors[0]
    expect(not stuck, f"{stuck} of {len(threads)} threads were still inside {func.__name__}() after {bound:g} s: "
                      "is a lock never released, or taken twice by the same thread?")
    return results


# ----------------------------------------------------------------------------------------------
# Exercise 1: Counter(store).increment()
# ----------------------------------------------------------------------------------------------

class Store:
    """A count behind `read()` and `write(n)`.

    `switch` s of sleep in read() (after reading) and write() (before storing) let other threads run
    between a read and its write, wherever an answer's lock begins or ends; with
    `park=True` the first write is held until the check releases it; with `fail_first_write=True` the
    first write raises ValueError.
    """

    def __init__(self, switch: float = 0.0, park: bool = False, fail_first_write: bool = False) -> None:
        self.value = 0
        self.switch = switch
        self.park = Park() if park else None
        self.fail_first_write = fail_first_write
        self.writes = 0

    def read(self) -> int:
        if self.park is not None:
            self.park.visit("read")
        value = self.value
        if self.switch:
            time.sleep(self.switch)
        return value

    def write(self, value: int) -> None:
        self.writes += 1
        if self.fail_first_write and self.writes == 1:
            raise ValueError("the store is full (a failure the check makes on purpose)")
        if self.park is not None:
            self.park.stop("write")
        if self.switch:
            time.sleep(self.switch)
        self.value = value


def check_increment_exclusive(Counter, others: int = 3) -> None:
    """One increment is parked between its read and its write; `others` more must wait outside, then all count."""
    store = Store(park=True)
    counter = _make(Counter, store)
    with catch_thread_exceptions() as caught, no_threads_left(hint="Every increment should end once released."):
        first = park_first(store.park, counter.increment, name="increment")
        calls = [Watched(counter.increment, name="increment").start() for _ in range(others)]
        try:
            settle(calls)
            intruders = list(store.park.intruders)
        finally:
            store.park.release()
        for call in [first, *calls]:
            call.result(hint="Is the lock released when increment returns?")
    expect(not caught, f"a thread raised {_errors(caught)}.")
    expect(not intruders, f"while one increment was between store.read() and store.write(), another thread "
                          f"called store.{intruders[0] if intruders else ''}(): both read the same count, so an "
                          "update is lost. Hold one lock, shared by every call, around the read and the write.")
    expect(store.value == 1 + others, f"{1 + others} increments left the count at {store.value}.")


def check_increment_raises(Counter) -> None:
    """A write that raises reaches the caller, and the lock is free again afterwards."""
    store = Store(fail_first_write=True)
    counter = _make(Counter, store)
    try:
        call_bounded(counter.increment, hint="Is it waiting for a lock nobody releases?")
    except ValueError:
        pass
    else:
        expect(False, "store.write() raised ValueError and increment() did not let it reach its caller.")
    call_bounded(counter.increment, hint="After store.write() raised, the lock was never released: use `with lock:` "
                                        "(or release it in a `finally:`), so it is released however the block ends.")
    expect(store.value == 1, f"after a failed write and a good one the count is {store.value}, expected 1.")


# ----------------------------------------------------------------------------------------------
# Exercise 2: Cache(compute).get(key)
# ----------------------------------------------------------------------------------------------

class Compute:
    """compute(key) -> f"{key}#{n}", n counting its calls for that key; the first call for `park_key` can be held."""

    def __init__(self, switch: float = 0.0, park_key: str | None = None) -> None:
        self.calls: Counter = Counter()
        self.switch = switch
        self.park_key = park_key
        self.park = Park()
        self._count = threading.Lock()  # the check's own bookkeeping

    def __call__(self, key):
        name = str(key)  # a Key's hash is the check's schedule: the check's own bookkeeping does not hash it
        with self._count:
            self.calls[name] += 1
            n = self.calls[name]
        if name == self.park_key:
            self.park.stop(f"compute({name!r})")
        if self.switch:
            time.sleep(self.switch)
        return f"{name}#{n}"


class Key:
    """A cache key whose `park_at`-th hash is held: a thread switch inside a dict lookup or store.

    Every `key in d`, `d.get(key)`, `d[key] = v` hashes the key, so holding one hash pauses the
    learner's code exactly between its check and its act (or inside either), wherever they are.
    """

    def __init__(self, name: str, park_at: int) -> None:
        self.name = name
        self.park_at = park_at
        self.park = Park()
        self.hashes = 0
        self._count = threading.Lock()

    def __hash__(self) -> int:
        with self._count:
            self.hashes += 1
            n = self.hashes
        if n == self.park_at:
            self.park.stop(f"hash({self.name!r})")
        return hash(self.name)

    def __eq__(self, other) -> bool:
        return isinstance(other, Key) and other.name == self.name

    def __str__(self) -> str:
        return self.name

    __repr__ = __str__


def check_cache_once(Cache, others: int = 3) -> None:
    """compute('a') is held; other threads asking for 'a' must not compute it again, and get its one value."""
    compute = Compute(park_key="a")
    cache = _make(Cache, compute)
    with catch_thread_exceptions() as caught, no_threads_left(hint="Every get() should end once compute returns."):
        first = park_first(compute.park, cache.get, "a", name="get")
        calls = [Watched(cache.get, "a", name="get").start() for _ in range(others)]
        try:
            settle(calls)
            early = [c for c in calls if c.returned.is_set()]
            intruders = list(compute.park.intruders)
        finally:
            compute.park.release()
        results = [c.result(hint="Is a lock (or a wait) never released?") for c in [first, *calls]]
    expect(not caught, f"a thread raised {_errors(caught)}.")
    expect(not intruders, f"while compute('a') was running, {len(intruders)} more thread(s) called compute('a') "
                          "again: check-then-act. The check ('a' not cached yet) and the act (compute and store "
                          "it) must be one step no other thread can get between.")
    expect(not early, "get('a') returned while compute('a') was still running: a thread asking for a key that is "
                      "being computed must wait for that value.")
    expect(results == ["a#1"] * (1 + others), f"get('a') returned {results}; expected the one value 'a#1' each time.")


def check_cache_switch_in_lookup(Cache, others: int = 2, rounds: int = 4) -> None:
    """A thread switch at the first thread's 1st, 2nd, ... hash of the key: still one compute, one value.

    Holding a thread at any point is only a schedule, so a correct answer passes every round; the verdict
    is what came out (how often compute ran, what get returned), never who ran when.
    """
    for park_at in range(1, rounds + 1):
        compute, key = Compute(), Key("a", park_at)
        cache = _make(Cache, compute)
        with catch_thread_exceptions() as caught, no_threads_left(hint="Every get() should end."):
            first = Watched(cache.get, key, name="get", progress=key.park.progress).start()
            # an answer that hashes the key fewer than park_at times simply runs through: nothing to hold
            key.park.progress.wait_for(lambda: key.park.holder is not None or first.returned.is_set(), BOUND)
            calls = [Watched(cache.get, key, name="get").start() for _ in range(others)]
            try:
                settle(calls, bound=1.0)  # four rounds fit in one cell's timeout even for a spinning answer
            finally:
                key.park.release()
            results = [c.result(hint="Is a lock (or a wait) never released?") for c in [first, *calls]]
        expect(not caught, f"a thread raised {_errors(caught)}.")
        expect(compute.calls["a"] == 1, f"compute('a') ran {compute.calls['a']} times when a thread switch fell "
                                        "between one thread's check for 'a' and its act: check-then-act. Put the "
                                        "check and the store of the mark in one `with lock:` block.")
        expect(results == ["a#1"] * (1 + others), f"get('a') returned {results}; expected 'a#1' each time.")


def check_cache_keys_independent(Cache) -> None:
    """While compute('a') is held, get('b') must compute 'b' and return."""
    compute = Compute(park_key="a")
    cache = _make(Cache, compute)
    with catch_thread_exceptions() as caught, no_threads_left(hint="Every get() should end once compute returns."):
        first = park_first(compute.park, cache.get, "a", name="get")
        other = Watched(cache.get, "b", name="get").start()
        try:
            settle([other])
            returned = other.returned.is_set()
        finally:
            compute.park.release()
        results = [c.result(hint="Is a lock (or a wait) never released?") for c in (first, other)]
    expect(not caught, f"a thread raised {_errors(caught)}.")
    expect(returned, "get('b') waited while compute('a') was running: do not hold a lock shared by all keys while "
                     "compute runs (it is slow, like a download). Hold a lock only to look up and mark the key; "
                     "let threads wait per key.")
    expect(results == ["a#1", "b#1"], f"get('a') and get('b') returned {results}; expected ['a#1', 'b#1'].")


# ----------------------------------------------------------------------------------------------
# Exercise 3: transfer(a, b, amount)
# ----------------------------------------------------------------------------------------------

class Deadlock(BaseException):
    """Raised in each thread of a lock cycle the bank has seen, so the threads end (not an Exception: an
    answer's `except Exception` must not swallow it)."""


class Bank(Progress):
    """Watches every AccountLock it opened: who holds each, who waits for which (and whether with a timeout).

    With `switch` s of sleep in every read and write, other transfers run between a transfer's reads and writes. With
    `park` an optional set of account names: the first write to one of them is held (`self.park`). With
    `pause_first`: a thread that has just taken its first lock waits (at most FALLBACK s) until every thread
    in `parties` holds a lock, waits for one or has returned: the switch that makes opposite lock orders meet.
    """

    def __init__(self, switch: float = 0.0, park: set[str] = frozenset(), pause_first: bool = False) -> None:
        super().__init__()
        self.switch = switch
        self.park = Park(self)
        self.parked_accounts = set(park)
        self.pause_first = pause_first
        self.parties: list[Watched] = []
        self.holders: dict[AccountLock, threading.Thread] = {}
        self.waiting: dict[threading.Thread, tuple[AccountLock, bool]] = {}
        self.taken: set[threading.Thread] = set()  # threads that took a lock already
        self.deadlocked = False
        self.unlocked_access: list[str] = []

    def account(self, name: str, balance: int) -> Account:
        return Account(name, balance, self)

    def closes_cycle(self, me: threading.Thread) -> bool:
        """Following untimed waits from `me` (lock -> its holder -> the lock that one waits for) leads back to me."""
        thread, seen = me, set()
        while thread not in seen:
            seen.add(thread)
            lock, timed = self.waiting.get(thread, (None, True))
            if timed:
                return False
            thread = self.holders.get(lock)
            if thread is None:
                return False
            if thread is me:
                return True
        return False

    def _engaged(self) -> bool:
        active = set(self.holders.values()) | set(self.waiting)
        return all(p.thread in active or p.returned.is_set() for p in self.parties)

    def took(self, me: threading.Thread) -> None:
        """Called with the condition held, right after `me` took a lock."""
        if self.pause_first and me not in self.taken:
            self.taken.add(me)
            self.changed.notify_all()
            self.changed.wait_for(lambda: self._engaged() or self.deadlocked, FALLBACK)
        self.taken.add(me)


class AccountLock:
    """A lock (acquire, release, locked, with) whose holders and waiters its Bank sees."""

    def __init__(self, bank: Bank, name: str) -> None:
        self.bank = bank
        self.name = name

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        bank, me = self.bank, threading.current_thread()
        timed = timeout is not None and timeout >= 0
        with bank.changed:
            if bank.deadlocked:
                raise Deadlock(DEADLOCK)
            if self not in bank.holders:
                bank.holders[self] = me
                bank.took(me)
                return True
            if not blocking:
                return False
            deadline = time.monotonic() + (timeout if timed else FALLBACK + BOUND)
            bank.waiting[me] = (self, timed)
            bank.changed.notify_all()
            try:
                if not timed and bank.closes_cycle(me):
                    bank.deadlocked = True
                    raise Deadlock(DEADLOCK)
                while self in bank.holders and not bank.deadlocked:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return False
                    bank.changed.wait(remaining)
                if bank.deadlocked:
                    raise Deadlock(DEADLOCK)
                bank.holders[self] = me
            finally:
                del bank.waiting[me]
                bank.changed.notify_all()
        return True

    def release(self) -> None:
        with self.bank.changed:
            if self.bank.holders.get(self) is not threading.current_thread():
                raise RuntimeError(f"release of {self.name}'s lock, which this thread does not hold")
            del self.bank.holders[self]
            self.bank.changed.notify_all()

    def locked(self) -> bool:
        return self in self.bank.holders

    def held_by_me(self) -> bool:
        return self.bank.holders.get(self) is threading.current_thread()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"<lock of account {self.name!r}>"


class Account:
    """An account: `name`, `lock` (its own), `read()` and `write(n)` of the balance."""

    def __init__(self, name: str, balance: int, bank: Bank | None = None) -> None:
        self.name = name
        self.bank = bank or Bank()
        self.lock = AccountLock(self.bank, name)
        self._balance = balance

    def _check_held(self, what: str) -> None:
        if not self.lock.held_by_me():
            with self.bank.changed:
                self.bank.unlocked_access.append(f"{what} account {self.name!r}")

    def read(self) -> int:
        self._check_held("read")
        if self.name in self.bank.parked_accounts:
            self.bank.park.visit(f"read account {self.name!r}")
        balance = self._balance
        if self.bank.switch:
            time.sleep(self.bank.switch)
        return balance

    def write(self, balance: int) -> None:
        self._check_held("wrote")
        if self.name in self.bank.parked_accounts:
            self.bank.park.stop(f"wrote account {self.name!r}")
        if self.bank.switch:
            time.sleep(self.bank.switch)
        self._balance = balance

    @property
    def balance(self) -> int:
        """The balance, for the check's own eyes (no lock needed, no thread switch)."""
        return self._balance

    def __repr__(self) -> str:
        return f"Account({self.name!r}, {self._balance})"


def expect_locked_access(bank: Bank) -> None:
    expect(not bank.unlocked_access, f"transfer {bank.unlocked_access[0] if bank.unlocked_access else ''} without "
                                     "holding that account's lock: hold both a.lock and b.lock while you read and "
                                     "write the balances.")


def check_transfer_exclusive(transfer) -> None:
    """transfer(x, y) is held at its first write; transfer(y, z) must stay out, transfer(p, q) must go through."""
    bank = Bank(park={"x", "y"})
    x, y, z, p, q = (bank.account(name, 100) for name in "xyzpq")
    with catch_thread_exceptions() as caught, no_threads_left(hint="Every transfer should end once released."):
        first = park_first(bank.park, transfer, x, y, 10, name="transfer")
        sharing = Watched(transfer, y, z, 20, name="transfer").start()
        apart = Watched(transfer, p, q, 30, name="transfer").start()
        try:
            settle([sharing, apart])
            intruders, apart_done = list(bank.park.intruders), apart.returned.is_set()
        finally:
            bank.park.release()
        for call in (first, sharing, apart):
            call.result(hint="Is a lock never released?")
    expect(not caught, f"a thread raised {_errors(caught)}.")
    expect_locked_access(bank)
    expect(not intruders, f"while transfer(x, y, 10) was between its reads and writes, transfer(y, z, 20) "
                          f"{intruders[0] if intruders else ''}: money is lost. Hold both accounts' locks for the "
                          "whole transfer.")
    expect(apart_done, "transfer(p, q, 30) waited for transfer(x, y, 10), which shares no account with it: take "
                       "only the two accounts' own locks, no lock common to every transfer.")
    balances = [acc.balance for acc in (x, y, z, p, q)]
    expect(balances == [90, 90, 120, 70, 130], f"balances x, y, z, p, q are {balances} after transfer(x, y, 10), "
                                               "transfer(y, z, 20), transfer(p, q, 30); expected [90, 90, 120, 70, 130].")


def check_transfer_no_deadlock(transfer) -> None:
    """transfer(a, b) and transfer(b, a) at once, each made to wait after its first lock until the other has one too."""
    bank = Bank(pause_first=True)
    a, b = bank.account("a", 100), bank.account("b", 100)
    with catch_thread_exceptions() as caught, no_threads_left(hint="Every transfer should end."):
        with bank.changed:  # both are parties before either can take a lock
            bank.parties = [Watched(transfer, a, b, 10, name="transfer", progress=bank),
                            Watched(transfer, b, a, 25, name="transfer", progress=bank)]
            for call in bank.parties:
                call.start()
        outcomes = []
        for call in bank.parties:
            try:
                call.result(hint="Is a lock never released?")
                outcomes.append("ok")
            except Deadlock:
                outcomes.append("deadlock")
    expect("deadlock" not in outcomes and not bank.deadlocked, DEADLOCK)
    expect(not caught, f"a thread raised {_errors(caught)}.")
    expect_locked_access(bank)
    balances = [a.balance, b.balance]
    expect(balances == [115, 85], f"after transfer(a, b, 10) and transfer(b, a, 25) the balances are {balances}; "
                                  "expected [115, 85].")
