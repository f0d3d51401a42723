"""The test helpers fail when they should, with sentences, and never wait unbounded."""

import threading
import time

import pytest

from threadlab.testing import (Mistake, Rendezvous, assert_overlap, call_with_timeout, catch_thread_exceptions,
                               cpu_seconds, deprecated_calls, expect, join_thread, no_threads_left, run_python,
                               timeline_on_failure)


def test_expect_raises_a_mistake_with_the_sentence():
    expect(True, "unused")
    with pytest.raises(Mistake, match="did you join inside the start loop"):
        expect(False, "your threads ran one after another: did you join inside the start loop?")
    assert issubclass(Mistake, AssertionError)


def test_call_with_timeout_returns_results_and_reraises_the_callers_error():
    assert call_with_timeout(sum, [1, 2, 3]) == 6
    with pytest.raises(ZeroDivisionError):
        call_with_timeout(lambda: 1 / 0)


def test_call_with_timeout_turns_a_hang_into_a_mistake_naming_the_function():
    release = threading.Event()

    def stuck():
        release.wait(10)

    start = time.monotonic()
    with pytest.raises(Mistake, match=r"stuck\(\) did not finish within 0.2 s. Is a thread never joined\?"):
        call_with_timeout(stuck, timeout=0.2, hint="Is a thread never joined?")
    assert time.monotonic() - start < 5
    release.set()


def test_join_thread_names_a_thread_that_will_not_end():
    release = threading.Event()
    t = threading.Thread(target=release.wait, args=(10,), name="stubborn")
    t.start()
    with pytest.raises(Mistake, match="'stubborn' was still running"):
        join_thread(t, timeout=0.05)
    release.set()
    join_thread(t)


def test_catch_thread_exceptions_collects_instead_of_printing(capfd):
    previous = threading.excepthook
    with catch_thread_exceptions() as caught:
        t = threading.Thread(target=lambda: 1 / 0, name="crasher")
        t.start()
        t.join(5)
    assert [(c.exc_type, c.thread.name) for c in caught] == [(ZeroDivisionError, "crasher")]
    assert capfd.readouterr().err == ""
    assert threading.excepthook is previous


def test_no_threads_left_fails_on_a_leaked_thread_and_passes_when_joined():
    release = threading.Event()
    with pytest.raises(Mistake, match=r"1 thread\(s\) were still running afterwards \(leaky\)"):
        with no_threads_left(timeout=0.05):
            threading.Thread(target=release.wait, args=(10,), name="leaky", daemon=True).start()
    release.set()
    with no_threads_left():
        t = threading.Thread(target=time.sleep, args=(0.01,))
        t.start()


def test_rendezvous_passes_only_truly_concurrent_callers():
    together = Rendezvous(3, timeout=5)
    threads = [threading.Thread(target=together.meet) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert together.met

    alone = Rendezvous(2, timeout=0.05)
    for _ in range(2):  # one after another, as a serial pool would
        t = threading.Thread(target=alone.meet)
        t.start()
        t.join(5)
    assert not alone.met


def test_assert_overlap_counts_intervals_open_at_once():
    assert_overlap([(0, 2), (1, 3), (1.5, 4)], 3, "unused")
    with pytest.raises(Mistake, match="one after another"):
        assert_overlap([(0, 1), (1, 2), (2, 3)], 2, "your tasks ran one after another")


def test_run_python_ignores_modules_in_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "threading.py").write_text("raise SystemExit('fake threading imported')")
    monkeypatch.chdir(tmp_path)
    done = run_python("import threading; print(threading.Thread.__name__)")
    assert (done.returncode, done.stdout) == (0, "Thread\n")


def test_run_python_reports_exit_output_and_timeouts():
    done = run_python("print('hi')")
    assert (done.returncode, done.stdout, done.timed_out) == (0, "hi\n", False)
    hung = run_python("import threading; threading.Event().wait()", timeout=0.5)
    assert hung.timed_out and hung.returncode is None


def test_cpu_seconds_tells_a_spin_from_a_wait():
    event = threading.Event()
    _, waiting = cpu_seconds(event.wait, 0.2)
    spun = []

    def spin():  # a fixed amount of work, so machine load cannot shrink it
        start = time.thread_time()
        for _ in range(2_000_000):
            pass
        spun.append(time.thread_time() - start)

    _, spinning = cpu_seconds(spin)
    assert waiting < 0.05
    assert spinning >= 0.9 * spun[0] > 0.01


def test_deprecated_calls_finds_old_camel_case_names():
    def old(t):
        t.setDaemon(True)
        return t.isAlive(), threading.currentThread()

    def new(t):
        t.daemon = True
        return t.is_alive(), threading.current_thread()

    assert deprecated_calls(old) == ["currentThread (use threading.current_thread())",
                                     "isAlive (use t.is_alive())", "setDaemon (use t.daemon = True (or Thread(..., daemon=True)))"]
    assert deprecated_calls(new) == []
    assert deprecated_calls("import threading\nthreading.activeCount()") == ["activeCount (use threading.active_count())"]


def serial_sleepers():
    for n in range(2):
        t = threading.Thread(target=time.sleep, args=(0.01,), name=f"sleeper-{n}")
        t.start()
        t.join()


def test_timeline_on_failure_shows_what_the_threads_did_then_fails(monkeypatch):
    import threadlab.testing

    shown = []
    monkeypatch.setattr(threadlab.testing, "show_timeline", lambda tl, title: shown.append((tl, title)))
    with pytest.raises(Mistake, match="one after another"):
        with timeline_on_failure("your workers") as tl:
            serial_sleepers()
            expect(False, "your threads ran one after another")
    ((timeline, title),) = shown
    assert timeline is tl and title == "your workers"
    assert [r.name for r in timeline.rows] == ["MainThread", "sleeper-0", "sleeper-1"]


def test_timeline_on_failure_stays_silent_when_the_checks_pass(monkeypatch):
    import threadlab.testing

    shown = []
    monkeypatch.setattr(threadlab.testing, "show_timeline", lambda tl, title: shown.append(tl))
    with timeline_on_failure() as tl:
        serial_sleepers()
    assert shown == [] and len(tl.rows) == 3
