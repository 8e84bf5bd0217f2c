#!/usr/bin/env python3
"""科教资源目录 command line; see `python build.py --help`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kejiao.cli import run

if __name__ == "__main__":
    run()
