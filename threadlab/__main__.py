"""python -m threadlab …: the `threadlab` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
