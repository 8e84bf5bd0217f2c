"""Running the project's JavaScript unit tests (tests/js/) with node's own test runner."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_node_tests(path: str, env: dict[str, str] | None = None) -> None:
    """`node --test path` from the project root; fails with node's output unless every test
    passed and at least one ran."""
    result = subprocess.run(
        ["node", "--test", path],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
