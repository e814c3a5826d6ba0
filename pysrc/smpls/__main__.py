"""``python -m smpls``: see :mod:`smpls.cli`."""

import sys

from smpls.cli import main

sys.exit(main())
