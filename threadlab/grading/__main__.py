"""python -m threadlab.grading {autograde,feedback} <assignment> ..."""

import argparse
import sys

from . import autograde, feedback


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m threadlab.grading", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    autograde.add_arguments(commands.add_parser("autograde", help="grade submissions in the sandbox"))
    feedback.add_arguments(commands.add_parser("feedback", help="write private feedback HTML"))
    args = parser.parse_args(argv)
    return (autograde.main if args.command == "autograde" else feedback.main)(args)


if __name__ == "__main__":
    sys.exit(main())
