"""Entry point for `python -m avn_data`."""

import sys

from avn_data.cli import main

sys.exit(main())
