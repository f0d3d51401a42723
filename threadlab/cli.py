"""threadlab: the instructor's and the learner's commands.

    threadlab grade [ASSIGNMENT ...] [--student S ...] [--jobs N] [--shard I/N]
    threadlab feedback [ASSIGNMENT ...] [--student S ...]
    threadlab check NOTEBOOK

(`python -m threadlab ...` is the same.) Each subcommand is one row of COMMANDS: a module with
`add_arguments(parser)` and `main(args)`, imported only when that subcommand runs; an "argv" row's module
parses the rest of the command line itself (`main(argv)`).
"""

from __future__ import annotations

import argparse
import importlib
import sys

# name: (module, help, how main is called: "args" → main(namespace), "argv" → main(list of strings))
COMMANDS = {
    "grade": ("threadlab.grading.classgrade", "grade every submission of a class, sandboxed and in parallel", "args"),
    "feedback": ("threadlab.grading.feedback", "write private feedback HTML (no hidden-test source)", "args"),
    "check": ("threadlab.check", "check your own notebook with the hidden tests (self-learners)", "argv"),
}


def main(argv: list[str] | None = None, prog: str = "threadlab") -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and COMMANDS.get(argv[0], ("", "", ""))[2] == "argv":
        return importlib.import_module(COMMANDS[argv[0]][0]).main(argv[1:])
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="{" + ",".join(COMMANDS) + "}")
    for name, (module, help, style) in COMMANDS.items():
        sub = commands.add_parser(name, help=help)
        if style == "args" and argv[:1] == [name]:
            importlib.import_module(module).add_arguments(sub)
    args = parser.parse_args(argv)
    return importlib.import_module(COMMANDS[args.command][0]).main(args)
