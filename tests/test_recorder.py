"""The recorder sees ordinary threading code in every state, and puts everything back afterwards."""

import json
import queue
import socket
import threading
import time

import pytest

from threadlab import record_timeline, span
from threadlab.recorder import _PATCHES
from threadlab.timeline import SPAN, State

TIMEOUT = 5


def states_of(timeline, name):
    return [i.state for i in timeline.intervals_of(name)]


def test_sleep_is_recorded_for_each_thread_with_its_name():
    with record_timeline() as tl:
        threads = [threading.Thread(target=time.sleep, args=(0.02,), name=f"sleeper-{n}") for n in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(TIMEOUT)
    assert [r.name for r in tl.rows] == ["MainThread", "sleeper-0", "sleeper-1", "sleeper-2"]
    for n in range(3):
        (sleep,) = tl.intervals_of(f"sleeper-{n}", "sleeping")
        # recorded up front as start + 0.02: exact up to float rounding, never compared with >=
        assert sleep.end - sleep.start == pytest.approx(0.02, abs=1e-9)
        (row,) = [r for r in tl.rows if r.name == f"sleeper-{n}"]
        assert row.start <= sleep.start and sleep.end <= row.end + 1e-9
    assert all(r.end is not None for r in tl.rows)
    assert {i.kind for i in tl.instants} == {"start", "end"}
    assert tl.intervals_of("MainThread", "event") == []  # Thread.start's own wait is not the learner's


def test_blocked_on_a_lock_is_recorded_with_the_lock_kind():
    holding, release = threading.Event(), threading.Event()
    with record_timeline() as tl:
        lock = threading.Lock()

        def owner():
            with lock:
                holding.set()
                release.wait(TIMEOUT)

        first = threading.Thread(target=owner, name="owner")
        first.start()
        assert holding.wait(TIMEOUT)
        # Timed acquires fail while the owner holds the lock, so the waits are certain.
        waiter = threading.Thread(target=lock.acquire, kwargs={"timeout": 0.03}, name="waiter")
        waiter.start()
        waiter.join(TIMEOUT)
        assert not lock.acquire(timeout=0.02)
        release.set()
        first.join(TIMEOUT)
    (blocked,) = tl.intervals_of("waiter", "blocked")
    assert blocked.detail == "Lock" and blocked.end - blocked.start >= 0.03
    assert tl.intervals_of("MainThread", "blocked")


def test_an_uncontended_lock_records_nothing():
    with record_timeline() as tl:
        lock = threading.RLock()
        with lock:
            with lock:
                pass
    assert tl.intervals == []


def test_queue_waits_are_recorded_as_get_and_put():
    q = queue.Queue(maxsize=1)
    with record_timeline() as tl:
        with pytest.raises(queue.Empty):
            q.get(timeout=0.02)
        q.put("item")  # room: no wait
        with pytest.raises(queue.Full):
            q.put("more", timeout=0.02)
        assert q.get() == "item"  # an item: no wait
    waits = tl.intervals_of("MainThread")
    assert [(i.state, i.detail) for i in waits] == [("queue", "get"), ("queue", "put")]
    assert all(i.end - i.start >= 0.02 for i in waits)


def test_join_of_a_live_thread_is_recorded_with_its_name():
    go = threading.Event()
    with record_timeline() as tl:
        worker = threading.Thread(target=go.wait, args=(TIMEOUT,), name="worker")
        worker.start()
        worker.join(0.02)  # still alive: a real wait
        go.set()
        worker.join(TIMEOUT)
        worker.join()  # already finished: nothing to record
    joins = tl.intervals_of("MainThread", "joining")
    assert [i.detail for i in joins] == ["worker", "worker"]
    assert joins[0].end - joins[0].start >= 0.02


def test_event_wait_that_blocks_is_waiting_on_an_event():
    with record_timeline() as tl:
        event = threading.Event()
        assert not event.wait(0.02)
        event.set()
        assert event.wait(0.02)  # already set: no wait
    (wait,) = tl.intervals_of("MainThread", "event")
    assert wait.detail == "Event" and wait.end - wait.start >= 0.02


sleep_alias = time.sleep  # as a notebook's `from time import sleep` would bind it


def test_names_imported_directly_are_observed_then_restored():
    with record_timeline() as tl:
        sleep_alias(0.01)
    assert states_of(tl, "MainThread") == ["sleeping"]
    assert sleep_alias is time.sleep is _PATCHES[0][2]


def test_everything_patched_is_restored_after_an_exception():
    originals = [getattr(owner, name) for owner, name, _, _ in _PATCHES]
    with pytest.raises(ZeroDivisionError):
        with record_timeline():
            1 / 0
    assert [getattr(owner, name) for owner, name, _, _ in _PATCHES] == originals
    assert [getattr(owner, name) for owner, name, _, _ in _PATCHES] == [original for _, _, original, _ in _PATCHES]


def test_nested_recordings_each_see_their_own_block_and_patches_last_until_both_end():
    with record_timeline() as outer:
        time.sleep(0.01)
        with record_timeline() as inner:
            t = threading.Thread(target=time.sleep, args=(0.01,), name="inner-sleeper")
            t.start()
            t.join(TIMEOUT)
        assert time.sleep is not _PATCHES[0][2]  # the outer recording still observes
        time.sleep(0.01)
    assert time.sleep is _PATCHES[0][2]
    assert states_of(outer, "MainThread") == ["sleeping", "joining", "sleeping"]
    assert states_of(inner, "MainThread") == ["joining"]
    assert states_of(outer, "inner-sleeper") == states_of(inner, "inner-sleeper") == ["sleeping"]


def test_overlapping_recordings_from_two_threads_are_independent():
    first_open, second_done = threading.Event(), threading.Event()
    timelines = {}

    def record(name, before, after):
        with record_timeline() as tl:
            before()
            time.sleep(0.01)
            after()
        timelines[name] = tl

    one = threading.Thread(target=record, args=("one", lambda: None, lambda: (first_open.set(), second_done.wait(TIMEOUT))))
    two = threading.Thread(target=record, args=("two", lambda: first_open.wait(TIMEOUT), lambda: None))
    one.start()
    two.start()
    two.join(TIMEOUT)
    second_done.set()
    one.join(TIMEOUT)
    assert [r.name for r in timelines["one"].rows] == [one.name]
    assert [r.name for r in timelines["two"].rows] == [two.name]
    assert time.sleep is _PATCHES[0][2]


def test_threads_running_before_the_recording_get_no_row():
    go, stop = threading.Event(), threading.Event()
    old = threading.Thread(target=lambda: (go.wait(TIMEOUT), time.sleep(0.01), stop.set()), name="old")
    old.start()
    with record_timeline() as tl:
        go.set()
        assert stop.wait(TIMEOUT)
    old.join(TIMEOUT)
    assert [r.name for r in tl.rows] == ["MainThread"]


def test_an_exception_in_a_thread_is_an_instant_and_still_reaches_excepthook():
    seen = []
    previous, threading.excepthook = threading.excepthook, seen.append
    try:
        with record_timeline() as tl:
            t = threading.Thread(target=lambda: 1 / 0, name="crasher")
            t.start()
            t.join(TIMEOUT)
    finally:
        threading.excepthook = previous
    assert [i.detail for i in tl.instants if i.kind == "exception"] == ["ZeroDivisionError: division by zero"]
    assert seen and seen[0].exc_type is ZeroDivisionError


def test_subclass_run_and_thread_pool_workers_get_rows():
    from concurrent.futures import ThreadPoolExecutor

    class Napper(threading.Thread):
        def run(self):
            time.sleep(0.01)

    with record_timeline() as tl:
        n = Napper(name="napper")
        n.start()
        n.join(TIMEOUT)
        with ThreadPoolExecutor(2, thread_name_prefix="pool") as pool:
            list(pool.map(time.sleep, [0.01, 0.01]))
    names = [r.name for r in tl.rows]
    assert "napper" in names and any(name.startswith("pool") for name in names)
    assert states_of(tl, "napper") == ["sleeping"]


def test_spans_label_phases_and_running_fills_the_gaps():
    with record_timeline() as tl:
        with span("download"):
            time.sleep(0.01)
    (label,) = tl.spans()
    assert label.detail == "download"
    main = tl.rows[0]
    running = tl.running(main)
    sleeping = tl.intervals_of("MainThread", "sleeping")[0]
    assert all(b <= sleeping.start or a >= sleeping.end for a, b in running)
    assert sum(b - a for a, b in running) + (sleeping.end - sleeping.start) == pytest.approx(main.end - main.start)


def test_exports_are_plain_data_and_chrome_trace_json(tmp_path):
    with record_timeline() as tl:
        t = threading.Thread(target=time.sleep, args=(0.01,), name="sleeper")
        t.start()
        t.join(TIMEOUT)
    records = tl.to_records()
    json.dumps(records)  # plain data only
    assert records["threads"][0]["start"] == pytest.approx(0.0, abs=1e-3)
    assert {i["state"] for i in records["intervals"]} >= {"sleeping"}
    trace = json.loads(json.dumps(tl.to_chrome_trace()))
    names = {e["args"]["name"] for e in trace["traceEvents"] if e["ph"] == "M"}
    assert names == {"MainThread", "sleeper"}
    sleeps = [e for e in trace["traceEvents"] if e["ph"] == "X" and e["name"] == "sleeping"]
    assert sleeps and sleeps[0]["dur"] >= 10_000  # microseconds
    tl.save_chrome_trace(tmp_path / "trace.json")  # the file Perfetto / chrome://tracing opens
    assert json.loads((tmp_path / "trace.json").read_text()) == trace


def test_threads_alive_at_the_end_have_no_end_time():
    release = threading.Event()
    with record_timeline() as tl:
        t = threading.Thread(target=release.wait, args=(TIMEOUT,), name="late")
        t.start()
        deadline = time.monotonic() + TIMEOUT
        while not release._cond._waiters and time.monotonic() < deadline:  # until "late" is inside wait()
            time.sleep(0.001)
    release.set()
    t.join(TIMEOUT)
    assert tl.row("late").end is None
    (wait,) = tl.intervals_of("late", "event")  # the wait still going on is drawn up to the stop
    assert wait.end == tl.stop


def until(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.001)


def test_condition_waits_are_their_own_state_and_wait_for_is_one_wait_per_wakeup():
    cond, ready = threading.Condition(), []

    def consumer():
        with cond:
            cond.wait_for(lambda: ready)

    with record_timeline() as tl:
        t = threading.Thread(target=consumer, name="consumer")
        t.start()
        until(lambda: cond._waiters, "the consumer waits")
        with cond:
            ready.append(1)
            cond.notify()
        t.join(TIMEOUT)
    assert [(i.state, i.detail) for i in tl.intervals_of("consumer")] == [("condition", "Condition")]


def test_semaphore_waits_are_their_own_state_with_and_without_with():
    sem = threading.BoundedSemaphore(1)
    with record_timeline() as tl:
        sem.acquire()
        waiters = [threading.Thread(target=lambda: sem.acquire(timeout=TIMEOUT) and sem.release(), name="acquirer"),
                   threading.Thread(target=lambda: sem.__enter__() and sem.release(), name="with-er")]
        for t in waiters:
            t.start()
            until(lambda: sem._cond._waiters, f"{t.name} waits")
            sem.release()
            t.join(TIMEOUT)
            sem.acquire()
        sem.release()
    for name in ("acquirer", "with-er"):
        assert [(i.state, i.detail) for i in tl.intervals_of(name)] == [("semaphore", "BoundedSemaphore")]
    assert tl.intervals_of("MainThread", "semaphore") == []  # an acquire that did not wait


def test_barrier_waits_are_their_own_state_and_library_waits_are_not_recorded_twice():
    barrier, items = threading.Barrier(2, timeout=TIMEOUT), queue.Queue()
    with record_timeline() as tl:
        t = threading.Thread(target=lambda: (barrier.wait(), items.get(timeout=TIMEOUT)), name="meeter")
        t.start()
        barrier.wait()
        until(lambda: items.not_empty._waiters, "the meeter waits on the queue")
        items.put(1)
        t.join(TIMEOUT)
    assert [i.state for i in tl.intervals_of("meeter")] in (["barrier", "queue"], ["queue"])
    assert {i.state for i in tl.intervals} <= {"barrier", "queue", "joining", "sleeping"}  # no condition waits


def test_socket_waits_are_network_waits_and_the_socket_class_is_left_as_it_was():
    before = dict(vars(socket.socket))
    with socket.create_server(("127.0.0.1", 0)) as server, record_timeline() as tl:
        port = server.getsockname()[1]

        def serve():
            conn, _ = server.accept()
            with conn:
                conn.sendall(conn.recv(16))

        t = threading.Thread(target=serve, name="server")
        t.start()
        with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as client:
            client.sendall(b"ping")
            assert client.recv(16) == b"ping"
        t.join(TIMEOUT)
    assert [i.detail for i in tl.intervals_of("server", "network")] == ["accept", "recv", "sendall"]
    assert [i.detail for i in tl.intervals_of("MainThread", "network")][:2] == ["create_connection", "sendall"]  # its connect is inside it
    assert "recv" in [i.detail for i in tl.intervals_of("MainThread", "network")]
    assert dict(vars(socket.socket)) == before


def test_every_recorded_state_has_a_row_in_the_state_table():
    cond, sem = threading.Condition(), threading.Semaphore(0)
    with record_timeline() as tl:
        t = threading.Thread(target=lambda: (sem.acquire(timeout=TIMEOUT), time.sleep(0.001)), name="w")
        t.start()
        until(lambda: sem._cond._waiters, "w waits")
        sem.release()
        with cond:
            cond.wait(0.001)
        threading.Event().wait(0.001)
        t.join(TIMEOUT)
    assert tl.intervals and all(i.state in set(State) for i in tl.intervals if i.state != SPAN)
    assert {State.SEMAPHORE, State.CONDITION, State.EVENT} <= {i.state for i in tl.intervals}


def test_each_thread_row_carries_the_processor_time_it_used():
    def spin():
        end = time.thread_time() + 0.02
        while time.thread_time() < end:
            pass

    with record_timeline() as tl:
        t = threading.Thread(target=spin, name="spinner")
        t.start()
        t.join(TIMEOUT)
    assert tl.row("spinner").cpu >= 0.02  # thread_time is that thread's own clock: it spun until 0.02 more
    assert tl.row("MainThread").cpu is not None
