"""The same build timed with two checkouts of this project, alternately, in one run:

    python bench/before_after.py OLD_CHECKOUT N [RUNS] [--scratch DIR]

builds N generated records with OLD_CHECKOUT's code and with this checkout's code, RUNS times each
(alternating, so both see the same machine load), and prints each run and the medians: wall time,
processor time (user + system, of the build and its worker processes: on a shared machine the wall
time follows the other users' load, the processor time much less) and the largest single process's
peak memory. The load average at the start and the end is printed with them.

`--scratch /dev/shm` builds in memory (tmpfs). On this project's shared ext4 disk, creating the
site's ~20,000 files and folders right after earlier builds deleted theirs costs 2-8 s of system time
that grows from run to run (ext4 skips recently freed inodes one by one): on disk, the comparison
mostly measures the disk. Use both: tmpfs for the code, the disk for what a maintainer sees."""

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


def _build(code: Path, project: Path) -> tuple[float, float, float, float]:
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
    return elapsed, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main(old: str, n: str, runs: str = "3", scratch_dir: str | None = None) -> None:
    sides = {"before": Path(old).resolve(), "after": ROOT}
    with tempfile.TemporaryDirectory(dir=scratch_dir) as scratch:
        content = Path(scratch) / "content"
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(content), n],
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        results: dict[str, list[tuple[float, float, float, float]]] = {side: [] for side in sides}
        print(f"building in {scratch}; load average at the start: {_load()}", flush=True)
        for run in range(int(runs)):
            for side, code in sides.items():
                project = _project(code, content, Path(scratch) / f"{side}-{run}")
                results[side].append(_build(code, project))
                wall, user, system, peak = results[side][-1]
                print(f"{side} run {run + 1}: {wall:.1f} s, cpu {user + system:.1f} s "
                      f"(user {user:.1f}, sys {system:.1f}), {peak:.0f} MB", flush=True)  # fmt: skip
                shutil.rmtree(project)
        print(f"load average at the end: {_load()}")
        for side, values in results.items():
            wall, user, system, peak = (statistics.median(v[i] for v in values) for i in range(4))
            print(f"{side}: median {wall:.1f} s, user {user:.1f} s, sys {system:.1f} s, "
                  f"peak {peak:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    args = sys.argv[1:]
    scratch_dir = None
    if "--scratch" in args:
        at = args.index("--scratch")
        scratch_dir = args[at + 1]
        del args[at : at + 2]
    main(*args, scratch_dir=scratch_dir)
