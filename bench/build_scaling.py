"""Is the build linear in the number of records? Builds generated catalogues of several sizes with
`python build.py build` in a fresh process each, and prints wall time, peak memory and ms per page.

    python bench/build_scaling.py 500 1000 2000 [--runs 3]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402


def build_once(project: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "build", "--today", "2026-11-22"],
        cwd=project, check=True, capture_output=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024  # MB (ru_maxrss is KiB on Linux)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| records | pages | build s (median) | ms/page | peak RSS MB |")
    print("|---|---|---|---|---|")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            for name in ("mkdocs.yml",):
                shutil.copy(ROOT / name, project / name)
            for name in ("docs", "site_overrides"):
                shutil.copytree(ROOT / name, project / name)
            generate(project / "content", n)
            times, peaks = [], []
            for _ in range(args.runs):
                elapsed, peak = build_once(project)
                times.append(elapsed)
                peaks.append(peak)
            pages = sum(1 for _ in (project / "site").rglob("index.html"))
            median = statistics.median(times)
            print(
                f"| {n} | {pages} | {median:.1f} | {1000 * median / pages:.1f} | {max(peaks):.0f} |"
            )


if __name__ == "__main__":
    main()
