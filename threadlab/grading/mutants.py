"""Mutation testing of the course's tests: does every classic thread mistake lose points?

Each reference answer is edited by small AST operators, one mistake at a time (a join dropped, the
join moved into the start loop, run() for start(), ...), and every variant is graded by the real
engine (`grade_answer`). A variant that keeps full marks *survived*: a wrong program the tests
cannot tell from a right one (or an equivalent one: read the diff). Survivors are where the hidden
tests need another check, or where a fixture in tests/submissions would prove one.

    python -m threadlab.grading.mutants [ASSIGNMENT ...] [--exercise GRADE_ID] [--jobs N] [--fail-under PCT]

Only the code between `### BEGIN SOLUTION` and `### END SOLUTION` is edited (re-rendered by
`ast.unparse`); the def line, the docstring and the other methods of a cell stay as written.
"""

from __future__ import annotations

import argparse
import ast
import copy
import difflib
import re
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .answers import ROOT, grade_answer, reference_answers, source_of

SOLUTION = re.compile(r"^([ \t]*)### BEGIN SOLUTION[^\n]*\n(.*?)^[ \t]*### END SOLUTION", re.M | re.S)
LOCKS = re.compile(r"lock|mutex", re.I)
QUEUES = {"Queue", "LifoQueue", "PriorityQueue"}


# -- finding and editing sites ------------------------------------------------------------------

def _each(tree, sites, edit):
    """One edited copy of `tree` per site. `sites(tree)` must find the same sites in the same order
    in a deep copy, so each edit is made on a fresh copy, never on the reference."""
    for index in range(sum(1 for _ in sites(tree))):
        clone = copy.deepcopy(tree)
        edit(*list(sites(clone))[index])
        yield clone


def _bodies(tree):
    """(owner, statement list) for every block: bodies, else and finally blocks, handlers."""
    for node in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield node, block


def _statements(match):
    """A `sites` function: (block, index) of every statement `match(owner, statement)` accepts."""
    def sites(tree):
        for owner, block in _bodies(tree):
            for index, statement in enumerate(block):
                if match(owner, statement):
                    yield block, index
    return sites


def _nodes(match):
    """A `sites` function: (node,) for every node `match` accepts."""
    return lambda tree: ((node,) for node in ast.walk(tree) if match(node))


def _remove(block, index):
    del block[index]
    if not block:
        block.append(ast.Pass())


def _unwrap(block, index):
    block[index:index + 1] = block[index].body


def _is_call(node, attr: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == attr


def _is_call_statement(statement, attr: str) -> bool:
    return isinstance(statement, ast.Expr) and _is_call(statement.value, attr)


def _is_sentinel(statement) -> bool:
    return (_is_call_statement(statement, "put") and len(statement.value.args) == 1
            and isinstance(statement.value.args[0], ast.Constant) and statement.value.args[0].value is None)


def _loop_of(statement, kind) -> bool:
    """A `for` loop whose body is only statements of `kind`."""
    return isinstance(statement, ast.For) and all(kind(s) for s in statement.body)


def _alone_in_loop(owner, statement) -> bool:
    """The whole body of a loop: the loop-level operator covers dropping it."""
    return isinstance(owner, (ast.For, ast.While)) and owner.body == [statement]


def _joins(statement) -> bool:
    return _is_call_statement(statement, "join")


def _keyword_sites(names, value_ok):
    return lambda tree: ((call, k) for call in ast.walk(tree) if isinstance(call, ast.Call)
                         for k in call.keywords if k.arg in names and value_ok(k.value))


# -- the operators: each models one mistake ------------------------------------------------------

def drop_join(tree):
    """One join() forgotten: the caller goes on while that thread still runs."""
    return _each(tree, _statements(lambda owner, s: _joins(s) and not _alone_in_loop(owner, s)), _remove)


def drop_join_loop(tree):
    """No join at all: the function returns while its threads still run."""
    return _each(tree, _statements(lambda owner, s: _loop_of(s, _joins)), _remove)


def _start_then_join_loops(tree):
    """(block, i, j): block[i] starts threads, block[j] (later) joins the same threads."""
    for _, block in _bodies(tree):
        for i, starts in enumerate(block):
            if not (isinstance(starts, ast.For) and isinstance(starts.target, ast.Name)
                    and any(_is_call_statement(s, "start") for s in starts.body)):
                continue
            for j in range(i + 1, len(block)):
                joins = block[j]
                if (_loop_of(joins, _joins) and isinstance(joins.target, ast.Name)
                        and ast.dump(joins.iter) == ast.dump(starts.iter)):
                    yield block, i, j
                    break


def _serialise(block, i, j):
    starts, joins = block[i], block.pop(j)
    name = joins.target.id
    for node in ast.walk(joins):
        if isinstance(node, ast.Name) and node.id == name:
            node.id = starts.target.id
    starts.body += joins.body


def join_in_start_loop(tree):
    """Each thread joined right after it starts: the threads run one after another."""
    return _each(tree, _start_then_join_loops, _serialise)


def _timeout(block, index):
    block[index].value.args = [ast.Constant(0.05)]


def join_with_timeout(tree):
    """join(0.05) where completion was asked: the caller may go on before the thread ends."""
    return _each(tree, _statements(lambda owner, s: _joins(s) and not s.value.args and not s.value.keywords),
                 _timeout)


def _no_timeout(block, index):
    block[index].value.args, block[index].value.keywords = [], []


def join_without_timeout(tree):
    """join() where a bound was asked: one stuck thread blocks the caller for ever."""
    return _each(tree, _statements(lambda owner, s: _joins(s) and (s.value.args or s.value.keywords)),
                 _no_timeout)


def _rename_to_run(call):
    call.func.attr = "run"


def run_instead_of_start(tree):
    """run() for start(): the target runs in the caller's thread, no new thread."""
    return _each(tree, _nodes(lambda n: _is_call(n, "start") and not n.args and not n.keywords), _rename_to_run)


def _call_value(call, keyword):
    keyword.value = ast.Call(keyword.value, [], [])


def call_target(tree):
    """target=f() for target=f: f runs in the caller, and the thread gets its return value."""
    return _each(tree, _keyword_sites({"target"}, lambda v: isinstance(v, (ast.Name, ast.Attribute))), _call_value)


def _untuple(call, keyword):
    (keyword.value,) = keyword.value.elts


def args_not_tuple(tree):
    """args=(x) for args=(x,): the thread is handed x itself as its argument list."""
    return _each(tree, _keyword_sites({"args"}, lambda v: isinstance(v, ast.Tuple) and len(v.elts) == 1), _untuple)


def _is_daemon_flag(node) -> bool:
    flag = (isinstance(node, ast.keyword) and node.arg == "daemon") or (
        isinstance(node, ast.Assign) and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Attribute) and node.targets[0].attr == "daemon")
    return flag and isinstance(node.value, ast.Constant) and isinstance(node.value.value, bool)


def _flip(node):
    node.value = ast.Constant(not node.value.value)


def flip_daemon(tree):
    """daemon=True/False the wrong way round: exit blocked by a thread, or a thread killed mid-work."""
    return _each(tree, _nodes(_is_daemon_flag), _flip)


def _drop_keyword(call, keyword):
    call.keywords.remove(keyword)


def drop_name_or_daemon(tree):
    """name=/daemon= not passed on to the Thread: it gets a default name or the creator's daemon flag."""
    return _each(tree, _keyword_sites({"name", "daemon"}, lambda v: not isinstance(v, ast.Constant)), _drop_keyword)


def _is_super_init(statement) -> bool:
    """super().__init__(...) or Thread.__init__(self, ...)."""
    if not _is_call_statement(statement, "__init__"):
        return False
    owner = statement.value.func.value
    return isinstance(owner, ast.Name) or (isinstance(owner, ast.Call) and getattr(owner.func, "id", "") == "super")


def drop_super_init(tree):
    """super().__init__() forgotten in a Thread subclass: the thread is never set up."""
    return _each(tree, _statements(lambda owner, s: _is_super_init(s)), _remove)


def drop_task_done(tree):
    """task_done() forgotten: q.join() waits for ever."""
    return _each(tree, _statements(lambda owner, s: _is_call_statement(s, "task_done")), _remove)


def _is_task_done(statement, queue: str) -> bool:
    return _is_call_statement(statement, "task_done") and ast.dump(statement.value.func.value) == queue


def _get_then_task_done(tree):
    """(block, i, inner, k): block[i] takes an item with q.get(); inner[k] is the first q.task_done()
    after it, in the same block or nested in a later statement."""
    for _, block in _bodies(tree):
        for i, statement in enumerate(block):
            if isinstance(statement, (ast.Assign, ast.Expr)) and _is_call(statement.value, "get"):
                queue = ast.dump(statement.value.func.value)
                later = [(block, k) for k in range(i + 1, len(block))]
                later += [(inner, k) for s in block[i + 1:] for _, inner in _bodies(s) for k in range(len(inner))]
                yield from [(block, i, *site) for site in later if _is_task_done(site[0][site[1]], queue)][:1]


def _task_done_early(block, index, inner, k):
    done = inner[k]
    _remove(inner, k)
    block.insert(index + 1, done)


def task_done_right_after_get(tree):
    """task_done() as soon as the item is taken: q.join() returns before the work is done."""
    return _each(tree, _get_then_task_done, _task_done_early)


def drop_sentinels(tree):
    """A sentinel put(None) not sent (or the whole loop of them): consumers wait for ever."""
    return _each(tree, _statements(lambda owner, s: (_is_sentinel(s) and not _alone_in_loop(owner, s))
                                   or _loop_of(s, _is_sentinel)), _remove)


def one_sentinel(tree):
    """One sentinel for several consumers: all but one wait for ever."""
    return _each(tree, _statements(lambda owner, s: _loop_of(s, _is_sentinel)), _unwrap)


def _is_lock(expr) -> bool:
    return LOCKS.search(getattr(expr, "id", getattr(expr, "attr", ""))) is not None


def _is_lock_block(statement) -> bool:
    return isinstance(statement, ast.With) and len(statement.items) == 1 and _is_lock(statement.items[0].context_expr)


def unlocked(tree):
    """`with lock:` left out: the block races with the other threads."""
    return _each(tree, _statements(lambda owner, s: _is_lock_block(s)), _unwrap)


def _lock_items(tree):
    """(with statement, index) of every lock among the items of a `with a, b:` of several items."""
    for node in ast.walk(tree):
        if isinstance(node, ast.With) and len(node.items) > 1:
            for index, item in enumerate(node.items):
                if _is_lock(item.context_expr):
                    yield node, index


def one_lock_of_two(tree):
    """One lock of `with a.lock, b.lock:` left out: the other account races."""
    return _each(tree, _lock_items, lambda statement, index: statement.items.pop(index))


def _new_lock(item):
    item.context_expr = ast.Call(ast.Attribute(ast.Name("threading"), "Lock"), [], [])


def lock_per_call(tree):
    """`with threading.Lock():` for `with lock:`: a new lock every time, which nobody else waits for."""
    return _each(tree, _nodes(lambda n: isinstance(n, ast.withitem) and _is_lock(n.context_expr)), _new_lock)


def _release_early(block, index):
    block.insert(index + 1, block[index].body.pop())


def lock_released_early(tree):
    """The last step of a `with lock:` block moved after it: the lock is let go between check and act."""
    return _each(tree, _statements(lambda owner, s: _is_lock_block(s) and len(s.body) > 1), _release_early)


def _as_given(call):
    call.func, call.args, call.keywords = ast.Name("tuple"), call.args[:1], []


def unordered_locks(tree):
    """`sorted(...)` dropped: locks taken in the order the caller gave, so opposite orders deadlock."""
    return _each(tree, _nodes(lambda n: isinstance(n, ast.Call) and getattr(n.func, "id", "") == "sorted"), _as_given)


def drop_wait(tree):
    """A `.wait()` statement dropped: the thread goes on without waiting for what it needs."""
    return _each(tree, _statements(lambda owner, s: _is_call_statement(s, "wait") and not s.value.args), _remove)


def _is_bounded_queue(node) -> bool:
    return (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in QUEUES
            and bool(node.args or node.keywords))


def _unbound(call):
    call.args, call.keywords = [], []


def unbounded_queue(tree):
    """Queue() for Queue(maxsize=...): the producer is never held back."""
    return _each(tree, _nodes(_is_bounded_queue), _unbound)


def _to_sleep(call):
    (seconds,) = call.args or [k.value for k in call.keywords]
    call.func = ast.Attribute(ast.Name("time"), "sleep")
    call.args, call.keywords = [seconds], []


def sleep_instead_of_wait(tree):
    """time.sleep(t) for event.wait(t): a stop request waits out the whole sleep."""
    return _each(tree, _nodes(lambda n: _is_call(n, "wait") and len(n.args) + len(n.keywords) == 1), _to_sleep)


def swallow_exception(tree):
    """A raise dropped (re-raise in a handler, or a kept exception): the caller never hears of it."""
    return _each(tree, _statements(lambda owner, s: isinstance(s, ast.Raise)), _remove)


def _return_after_join(tree):
    """(block, r, k): block[r] returns a value, block[k] (earlier, the first such) is a join or a join loop."""
    for _, block in _bodies(tree):
        joins = [k for k, s in enumerate(block) if _joins(s) or _loop_of(s, _joins)]
        for r, statement in enumerate(block):
            if isinstance(statement, ast.Return) and statement.value and joins and joins[0] < r:
                yield block, r, joins[0]


def _return_early(block, r, k):
    block.insert(k, block.pop(r))


def return_before_join(tree):
    """The result returned before the threads are joined: it is read while they still write it."""
    return _each(tree, _return_after_join, _return_early)


def _bound_defaults(tree):
    """(lambda, name): a lambda parameter whose default binds a loop variable (`lambda f=f: ...`)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Lambda):
            params = node.args.args[len(node.args.args) - len(node.args.defaults):]
            for param, default in zip(params, node.args.defaults):
                if isinstance(default, ast.Name):
                    yield node, param.arg


def _late_bind(func, name):
    k = [p.arg for p in func.args.args].index(name)
    default = func.args.defaults.pop(k - (len(func.args.args) - len(func.args.defaults)))
    del func.args.args[k]
    for node in ast.walk(func.body):
        if isinstance(node, ast.Name) and node.id == name:
            node.id = default.id


def late_binding_lambda(tree):
    """`lambda: f()` for `lambda f=f: f()` in a loop: a thread may call the loop's next (or last) f."""
    return _each(tree, _bound_defaults, _late_bind)


def drop_event_set(tree):
    """The stop signal (event.set()) never sent: the threads waiting for it never stop."""
    return _each(tree, _statements(lambda owner, s: _is_call_statement(s, "set") and not s.value.args), _remove)


def _call_now(call):
    call.args = [ast.Call(call.args[0], call.args[1:], [])]


def call_before_submit(tree):
    """pool.submit(f(x)) for pool.submit(f, x): f runs in the caller, the pool gets its result."""
    return _each(tree, _nodes(lambda n: _is_call(n, "submit") and n.args
                              and isinstance(n.args[0], (ast.Name, ast.Attribute))), _call_now)


OPERATORS = [drop_join, drop_join_loop, join_in_start_loop, join_with_timeout, join_without_timeout,
             run_instead_of_start, call_target, args_not_tuple, flip_daemon, drop_name_or_daemon,
             drop_super_init, drop_task_done, task_done_right_after_get, drop_sentinels, one_sentinel,
             unlocked, unbounded_queue, sleep_instead_of_wait, swallow_exception, return_before_join,
             late_binding_lambda, drop_event_set, call_before_submit, one_lock_of_two, lock_per_call,
             lock_released_early, unordered_locks, drop_wait]
OPERATOR_DOCS = {op.__name__: op.__doc__ for op in OPERATORS}


# -- variants of a cell -----------------------------------------------------------------------------

@dataclass
class Variant:
    operator: str
    code: str  # the whole cell, one solution block edited
    diff: list[str]  # the edit: unified-diff lines of that block, both sides as ast.unparse renders them


def _compiles(code: str) -> bool:
    try:
        compile(code, "<variant>", "exec")
    except SyntaxError:
        return False
    return True


def variants(cell: str, operators=OPERATORS) -> list[Variant]:
    """Every distinct, compiling variant of a solution cell, one edit inside one solution block."""
    found, seen = [], set()
    for block in SOLUTION.finditer(cell):
        indent, (start, end) = block.group(1), block.span(2)
        tree = ast.parse(textwrap.dedent(block.group(2)))
        before = ast.unparse(tree).splitlines()
        for operator in operators:
            for mutant in operator(tree):
                after = ast.unparse(mutant).splitlines()
                code = cell[:start] + textwrap.indent("\n".join(after), indent) + "\n" + cell[end:]
                if after == before or code in seen or not _compiles(code):
                    continue
                seen.add(code)
                diff = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
                        if not line.startswith(("---", "+++", "@@"))]
                found.append(Variant(operator.__name__, code, diff))
    return found


# -- grading and the report -------------------------------------------------------------------------

@dataclass
class Outcome:
    variant: Variant
    caught: list = field(default_factory=list)  # CellScores of tests that lost points (and pass on the reference)
    error: str = ""  # the engine could not grade it

    @property
    def killed(self) -> bool:
        return bool(self.caught)


def _grade(assignment, grade_id, variant, root, broken) -> Outcome:
    try:
        scores = grade_answer(assignment, grade_id, variant.code, root)
    except Exception as exc:  # one engine failure must not cost a report that takes minutes
        return Outcome(variant, error=f"{type(exc).__name__}: {exc}")
    return Outcome(variant, [s for s in scores if s.points < s.max_points and s.grade_id not in broken])


def _short(text: str, width: int = 110) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def report_exercise(assignment: str, grade_id: str, outcomes: list[Outcome]) -> list[str]:
    killed = [o for o in outcomes if o.killed]
    survived = [o for o in outcomes if not o.killed and not o.error]
    rate = f"{100 * len(killed) / len(killed + survived):.0f}%" if killed or survived else "-"
    lines = [f"{assignment} {grade_id}: {len(outcomes)} variants, {len(killed)} killed, "
             f"{len(survived)} survived (kill rate {rate})"]
    for o in survived:
        lines.append(f"  SURVIVED {o.variant.operator}: {OPERATOR_DOCS[o.variant.operator]}")
        lines += [f"      {_short(line)}" for line in o.variant.diff[:4]]
    for o in killed:
        tests = ", ".join(s.grade_id for s in o.caught)
        lines.append(_short(f"  killed   {o.variant.operator} by {tests}: {o.caught[0].message}", 160))
    lines += [f"  ERROR    {o.variant.operator}: {_short(o.error)}" for o in outcomes if o.error]
    return lines


def assignments_of(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "source").iterdir() if any(p.glob("*.ipynb")))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m threadlab.grading.mutants", description=__doc__.split("\n")[0])
    parser.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: every assignment in source/")
    parser.add_argument("--exercise", metavar="GRADE_ID", help="only this solution cell")
    parser.add_argument("--jobs", type=int, default=2, help="variants graded at once (default 2)")
    parser.add_argument("--fail-under", type=float, metavar="PCT", help="exit 1 if the kill rate is lower")
    parser.add_argument("--course", type=Path, default=ROOT, help="course directory (default: this repo)")
    args = parser.parse_args(argv)
    root = args.course.resolve()
    references = {a: reference_answers(a, root) for a in args.assignments or assignments_of(root)}
    work = [(a, g, variants(cell)) for a, cells in references.items() for g, cell in cells.items()
            if args.exercise in (None, g)]
    total = killed = 0
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        # The reference answers first: a test they fail catches nothing. This also builds each
        # assignment's gradebook template once, before the variants' threads would each build it.
        firsts: dict[tuple, tuple] = {}  # one solution cell per notebook grades its reference answers
        for a in dict.fromkeys(a for a, _, _ in work):
            for g, cell in references[a].items():
                firsts.setdefault((a, source_of(a, g, root)), (g, cell))
        baseline = {key: pool.submit(grade_answer, key[0], g, cell, root) for key, (g, cell) in firsts.items()}
        broken: dict[str, dict] = {a: {} for a, _ in firsts}
        for (a, _), future in baseline.items():
            broken[a].update({s.grade_id: s.message for s in future.result() if s.points < s.max_points})
        for assignment, tests in broken.items():
            for test, message in tests.items():
                print(f"{assignment}: the reference answers lose {test} ({_short(message)}): it kills nothing")
        futures = [(a, g, [pool.submit(_grade, a, g, v, root, broken[a]) for v in vs]) for a, g, vs in work]
        for assignment, grade_id, pending in futures:
            outcomes = [f.result() for f in pending]
            print("\n".join(report_exercise(assignment, grade_id, outcomes)), flush=True)
            total += sum(not o.error for o in outcomes)
            killed += sum(o.killed for o in outcomes)
    rate = 100 * killed / total if total else 100.0
    print(f"TOTAL: {total} variants graded, {killed} killed, {total - killed} survived: kill rate {rate:.1f}%")
    return 1 if args.fail_under is not None and rate < args.fail_under else 0


if __name__ == "__main__":
    sys.exit(main())
