"""The same build timed with two checkouts of this project, alternately, in one run:

    python bench/before_after.py OLD_CHECKOUT N [RUNS]

builds N generated records with OLD_CHECKOUT's code and with this checkout's code, RUNS times each
(alternating, so both see the same machine load), and prints each run and the medians (wall time
and the largest single process's peak memory)."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _project(code: Path, content: Path, dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "site_overrides"):
        source = code / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        elif source.exists():
            shutil.copy(source, dest / name)
    shutil.copytree(content, dest / "content")
    return dest


def _build(code: Path, project: Path) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, str(code / "build.py"), "-f", str(project / "mkdocs.yml"), "build",
               "--today", "2026-11-22"]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=code, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)  # fmt: skip
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build with {code} failed:\n{proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def main(old: str, n: str, runs: str = "3") -> None:
    sides = {"before": Path(old).resolve(), "after": ROOT}
    with tempfile.TemporaryDirectory() as scratch:
        content = Path(scratch) / "content"
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(content), n],
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        results: dict[str, list[tuple[float, float]]] = {side: [] for side in sides}
        for run in range(int(runs)):
            for side, code in sides.items():
                project = _project(code, content, Path(scratch) / f"{side}-{run}")
                results[side].append(_build(code, project))
                print(f"{side} run {run + 1}: {results[side][-1][0]:.1f} s, "
                      f"{results[side][-1][1]:.0f} MB", flush=True)  # fmt: skip
                shutil.rmtree(project)
        for side, values in results.items():
            print(f"{side}: median {statistics.median(v[0] for v in values):.1f} s, "
                  f"peak {statistics.median(v[1] for v in values):.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main(*sys.argv[1:])
