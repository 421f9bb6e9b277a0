"""Allow ``python -m attribution``."""

import sys

from attribution.cli import main

# The guard matters with --jobs: worker processes started with "spawn" or
# "forkserver" import this module again under another name.
if __name__ == "__main__":
    sys.exit(main())
