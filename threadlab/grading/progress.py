"""What an instructor sees while a class is graded: a live bar on a terminal, one line per submission
otherwise (CI logs), and a summary table at the end."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from .autograde import Result


class Bar:
    """A terminal bar: submissions done / total, rate, ETA, failures so far."""

    def __init__(self, console: Console, total: int) -> None:
        self.failures = 0
        self._progress = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(),
                                  TextColumn("{task.fields[rate]}"), TextColumn("ETA"), TimeRemainingColumn(),
                                  TextColumn("elapsed"), TimeElapsedColumn(),
                                  TextColumn("[red]{task.fields[failures]} not graded"), TextColumn("{task.fields[last]}"),
                                  console=console, transient=False)
        self._task = self._progress.add_task("grading", total=total, failures=0, rate="", last="")
        self._progress.start()

    def done(self, result: Result) -> None:
        self.failures += not result.graded
        self._progress.advance(self._task)
        task = self._progress.tasks[0]
        rate = f"{task.speed * 60:.1f}/min" if task.speed else ""
        self._progress.update(self._task, failures=self.failures, rate=rate,
                              last=f"{result.student} {result.assignment}")

    def stop(self) -> None:
        self._progress.stop()


class Lines:
    """One plain line per finished submission: `[3/40] alice 01-basics: 7/10 (12.3 s)` and its problems."""

    def __init__(self, console: Console, total: int) -> None:
        self._console, self._total, self._done = console, total, 0

    def done(self, result: Result) -> None:
        self._done += 1
        self._console.print(f"[{self._done}/{self._total}] {result.line()} ({result.seconds:.1f} s)",
                            markup=False, highlight=False, soft_wrap=True)

    def stop(self) -> None:
        pass


def progress(console: Console, total: int) -> Bar | Lines:
    return Bar(console, total) if console.is_terminal else Lines(console, total)


def summary(results: list[Result], assignments: list[str]) -> Table:
    """Student, score per assignment (— not submitted, NOT GRADED), problems with their one-line reasons."""
    table = Table(title="threadlab grade", show_lines=False)
    table.add_column("student")
    for assignment in assignments:
        table.add_column(assignment, justify="right")
    table.add_column("problems", overflow="fold")
    by_student: dict[str, dict[str, Result]] = {}
    for r in results:
        by_student.setdefault(r.student, {})[r.assignment] = r
    for student, done in sorted(by_student.items()):
        cells = [("—" if a not in done else f"{done[a].score:g}/{done[a].max_score:g}" if done[a].graded
                  else "NOT GRADED") for a in assignments]
        problems = [f"{a}: {p}" for a in assignments if a in done for p in done[a].problems]
        table.add_row(student, *cells, "\n".join(problems))
    return table
