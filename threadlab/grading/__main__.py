"""python -m threadlab.grading {autograde,feedback} …: the older spelling of `threadlab grade|feedback`."""

import sys

from ..cli import main

if __name__ == "__main__":
    argv = sys.argv[1:]
    sys.exit(main(["grade", *argv[1:]] if argv[:1] == ["autograde"] else argv, prog="python -m threadlab.grading"))
