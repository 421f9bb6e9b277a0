"""Allow ``python -m attribution``."""

import sys

from attribution.cli import main

sys.exit(main())
