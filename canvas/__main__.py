"""``python -m canvas``: the host's command line (see canvas/cli.py)."""

import sys

from canvas.cli import main

sys.exit(main())
