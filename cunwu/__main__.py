"""`python -m cunwu`: the same as the `cunwu` command."""

import sys

from cunwu.cli import main

sys.exit(main())
