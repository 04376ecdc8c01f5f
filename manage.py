#!/usr/bin/env python
"""Django's command-line utility for TakeAction."""

import sys

from takeaction.cli import main

if __name__ == "__main__":
    sys.exit(main())
