"""The mutation tool: each operator makes the one edit it names, variants are distinct and leave the
text outside the solution markers alone, and a run on the tiny course grades them with the engine."""

from __future__ import annotations

import ast
import textwrap

import pytest

from threadlab.grading import mutants as m

from .course import ASSIGNMENT, RUN_ALL, make_course


def edits(operator, code: str) -> list[str]:
    """What `operator` makes of `code`, each variant as ast.unparse renders it."""
    tree = ast.parse(textwrap.dedent(code))
    before = ast.unparse(tree)
    found = [ast.unparse(t) for t in operator(tree)]
    assert ast.unparse(tree) == before, "an operator must not edit the tree it is given"
    return found


def norm(code: str) -> str:
    return ast.unparse(ast.parse(textwrap.dedent(code)))


START_JOIN = """
threads = [threading.Thread(target=f, args=(x,)) for x in xs]
for t in threads:
    t.start()
for u in threads:
    u.join()
return results
"""

CASES = [
    (m.drop_join, "a.join()\nb.join()\nx = ', '.join(names)", ["b.join()\nx = ', '.join(names)",
                                                               "a.join()\nx = ', '.join(names)"]),
    (m.drop_join, "for t in ts:\n    t.join()", []),  # the loop is drop_join_loop's
    (m.drop_join_loop, START_JOIN, [START_JOIN.replace("for u in threads:\n    u.join()\n", "")]),
    (m.join_in_start_loop, START_JOIN, ["threads = [threading.Thread(target=f, args=(x,)) for x in xs]\n"
                                        "for t in threads:\n    t.start()\n    t.join()\nreturn results"]),
    (m.join_in_start_loop, "for t in a:\n    t.start()\nfor t in b:\n    t.join()", []),  # other threads
    (m.join_with_timeout, "t.join()\nt.join(1)", ["t.join(0.05)\nt.join(1)"]),
    (m.join_without_timeout, "t.join()\nt.join(timeout=1)", ["t.join()\nt.join()"]),
    (m.run_instead_of_start, "t.start()\nt.start(1)", ["t.run()\nt.start(1)"]),
    (m.call_target, "Thread(target=f)\nThread(target=lambda: f())", ["Thread(target=f())\nThread(target=lambda: f())"]),
    (m.args_not_tuple, "Thread(target=f, args=(x,))\nThread(target=f, args=(x, y))",
     ["Thread(target=f, args=x)\nThread(target=f, args=(x, y))"]),
    (m.flip_daemon, "Thread(target=f, daemon=True)\nt.daemon = False\nt.daemon = flag",
     ["Thread(target=f, daemon=True)\nt.daemon = True\nt.daemon = flag",
      "Thread(target=f, daemon=False)\nt.daemon = False\nt.daemon = flag"]),
    (m.drop_name_or_daemon, "super().__init__(name=name, daemon=True)", ["super().__init__(daemon=True)"]),
    (m.drop_super_init, "super().__init__(name=name)\nself.x = 1", ["self.x = 1"]),
    (m.drop_super_init, "Thread.__init__(self)", ["pass"]),
    (m.drop_task_done, "item = q.get()\nq.task_done()", ["item = q.get()"]),
    (m.task_done_right_after_get,
     "while True:\n    item = q.get()\n    try:\n        work(item)\n    finally:\n        q.task_done()",
     ["while True:\n    item = q.get()\n    q.task_done()\n    try:\n        work(item)\n    finally:\n        pass"]),
    (m.task_done_right_after_get, "item = q.get()\nother.task_done()", []),  # another queue's task_done
    (m.drop_sentinels, "q.put(x)\nq.put(None)\nfor _ in ts:\n    q.put(None)",
     ["q.put(x)\nfor _ in ts:\n    q.put(None)", "q.put(x)\nq.put(None)"]),
    (m.one_sentinel, "for _ in ts:\n    q.put(None)", ["q.put(None)"]),
    (m.unlocked, "with lock:\n    n += 1\nwith self._lock:\n    n += 1\nwith conn:\n    pass",
     ["n += 1\nwith self._lock:\n    n += 1\nwith conn:\n    pass",
      "with lock:\n    n += 1\nn += 1\nwith conn:\n    pass"]),
    (m.unbounded_queue, "q = queue.Queue(maxsize=n)\nr = Queue(3)\ns = Queue()",
     ["q = queue.Queue()\nr = Queue(3)\ns = Queue()", "q = queue.Queue(maxsize=n)\nr = Queue()\ns = Queue()"]),
    (m.sleep_instead_of_wait, "while not stop.wait(t):\n    step()\nbarrier.wait()",
     ["while not time.sleep(t):\n    step()\nbarrier.wait()"]),
    (m.swallow_exception, "try:\n    f()\nexcept E:\n    log()\n    raise",
     ["try:\n    f()\nexcept E:\n    log()"]),
    (m.return_before_join, START_JOIN, [START_JOIN.replace("for u in", "return results\nfor u in")
                                        .removesuffix("return results\n")]),
    (m.return_before_join, "for t in ts:\n    t.start()\n    t.join()\nreturn ts", []),  # not a join loop
    (m.late_binding_lambda, "for f in fs:\n    Thread(target=lambda f=f, n=3: q.put(f(n))).start()",
     ["for f in fs:\n    Thread(target=lambda n=3: q.put(f(n))).start()"]),
    (m.drop_event_set, "stop.set()\nx = set()", ["x = set()"]),
    (m.call_before_submit, "pool.submit(f, x)", ["pool.submit(f(x))"]),
    (m.one_lock_of_two, "with a.lock, b.lock:\n    pass\nwith open(p), lock:\n    pass",
     ["with b.lock:\n    pass\nwith open(p), lock:\n    pass", "with a.lock:\n    pass\nwith open(p), lock:\n    pass",
      "with a.lock, b.lock:\n    pass\nwith open(p):\n    pass"]),
    (m.lock_per_call, "with self.lock:\n    pass\nwith conn:\n    pass",
     ["with threading.Lock():\n    pass\nwith conn:\n    pass"]),
    (m.lock_released_early, "with lock:\n    x = d.get(k)\n    d[k] = x\nwith lock:\n    y = 1",
     ["with lock:\n    x = d.get(k)\nd[k] = x\nwith lock:\n    y = 1"]),
    (m.unordered_locks, "first, second = sorted((a, b), key=name)", ["first, second = tuple((a, b))"]),
    (m.drop_wait, "ready.wait()\nok = ready.wait(1)", ["ok = ready.wait(1)"]),
]


@pytest.mark.parametrize("operator, code, expected", CASES, ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
def test_each_operator_makes_its_edit(operator, code, expected):
    assert edits(operator, code) == [norm(e) for e in expected]


def test_every_operator_is_tested_and_says_what_mistake_it_models():
    assert {c[0] for c in CASES} == set(m.OPERATORS)
    assert all(op.__doc__ for op in m.OPERATORS)


CELL = '''\
def run_all(funcs):
    """Run each function in its own thread."""  # kept as written
    ### BEGIN SOLUTION
    threads = [threading.Thread(target=f) for f in funcs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ### END SOLUTION

# a comment after the markers
'''


def test_variants_edit_only_inside_the_markers():
    found = m.variants(CELL)
    assert found
    head, tail = CELL.split("    ### BEGIN SOLUTION\n")[0], CELL.split("    ### END SOLUTION")[1]
    for v in found:
        assert v.code.startswith(head + "    ### BEGIN SOLUTION\n") and v.code.endswith("    ### END SOLUTION" + tail)
        compile(v.code, v.operator, "exec")
    serial = next(v for v in found if v.operator == "join_in_start_loop")
    assert "        t.start()\n        t.join()\n    ### END SOLUTION" in serial.code


def test_variants_are_distinct_and_never_the_reference():
    # two identical join loops: dropping either one gives the same code, which is graded once
    cell = "### BEGIN SOLUTION\nfor t in ts:\n    t.join()\nfor t in ts:\n    t.join()\n### END SOLUTION\n"
    found = m.variants(cell, [m.drop_join_loop])
    assert [v.code for v in found] == ["### BEGIN SOLUTION\nfor t in ts:\n    t.join()\n### END SOLUTION\n"]
    codes = [v.code for v in m.variants(CELL)]
    assert len(codes) == len(set(codes)) and CELL not in codes


def test_each_solution_block_of_a_class_is_edited_on_its_own():
    cell = ("class P(Thread):\n    def __init__(self):\n        ### BEGIN SOLUTION\n        super().__init__()\n"
            "        ### END SOLUTION\n\n    def stop(self):\n        ### BEGIN SOLUTION\n        self.q.put(None)\n"
            "        self.join()\n        ### END SOLUTION\n")
    found = {v.operator: v for v in m.variants(cell)}
    assert set(found) == {"drop_super_init", "drop_sentinels", "drop_join", "join_with_timeout"}
    assert "super().__init__()" not in found["drop_super_init"].code and "self.join()" in found["drop_super_init"].code
    assert "super().__init__()" in found["drop_join"].code


def test_variants_that_do_not_compile_are_skipped():
    cell = ("def f():\n    ### BEGIN SOLUTION\n    for t in ts:\n        t.join()\n    global results\n"
            "    return results\n    ### END SOLUTION\n")
    block = cell.split("SOLUTION\n")[1].rsplit("\n", 1)[0]
    assert edits(m.return_before_join, block)  # made, but `return results` before `global results` is a SyntaxError
    assert {v.operator for v in m.variants(cell)} == {"drop_join_loop", "join_with_timeout"}


@pytest.mark.xdist_group("grading-mutants")
def test_a_run_on_the_tiny_course(tmp_path, capsys):
    """The tiny course's run_all, every variant graded by the engine."""
    root = make_course(tmp_path / "course")
    assert m.variants(RUN_ALL)

    assert m.main([ASSIGNMENT, "--exercise", "threads-run-all", "--course", str(root), "--jobs", "2",
                   "--fail-under", "99"]) == 1
    report = capsys.readouterr().out
    lines = {line.split()[1].rstrip(":"): line for line in report.splitlines()
             if line.startswith(("  killed", "  SURVIVED"))}

    # Serialised, or no thread at all: the barrier of three is never met, the concurrency test fails.
    assert lines["join_in_start_loop"].startswith("  killed   join_in_start_loop by threads-run-all-test-concurrent:")
    assert lines["run_instead_of_start"].startswith("  killed")
    # The spec does not ask for thread names: dropping them is an equivalent mutant.
    assert lines["drop_name_or_daemon"].startswith("  SURVIVED")
    assert report.splitlines()[-1].startswith("TOTAL: 6 variants graded")  # --fail-under 99: some always survive
