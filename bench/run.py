"""The whole benchmark in one go, on the same N records for every contender:

- this project: `validate`, `build` (time, peak memory, site size), list-page transfer, search index
  size and query time (headless Chromium), and `serve`: save one record → updated page;
- plain mkdocs-material building the same pages (the obvious alternative);
- a jinja2-only render of the same records straight to files (the floor);
- Hugo from Debian's packages (`apt-get install hugo`), when installed, on the same pages.

Medians over `--runs`; prints a Markdown table (paste it into bench/README.md with the machine).

    python bench/run.py 1000 10000 --runs 3
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.compare import FLOOR, run  # noqa: E402
from bench.search_budget import measure_site  # noqa: E402
from bench.serve_update import measure as measure_serve  # noqa: E402

BUILD = [sys.executable, str(ROOT / "build.py"), "build", "--today", "2026-11-22"]
VALIDATE = [sys.executable, str(ROOT / "build.py"), "validate", "--today", "2026-11-22"]


def _size_mb(folder: Path) -> float:
    total = 0
    for directory, _, names in os.walk(folder):
        total += sum(os.path.getsize(os.path.join(directory, n)) for n in names)
    return total / 1e6


def _prepare(project: Path, n: int) -> None:
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("docs", "site_overrides"):
        shutil.copytree(ROOT / name, project / name)
    # In a child process: a large parent would inflate the children's peak memory.
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "compare.py"), "--prepare", str(project), str(n)],
        check=True,
    )
    (project / "floor.py").write_text(
        FLOOR.format(root=str(ROOT), project=str(project)), encoding="utf-8"
    )
    if shutil.which("hugo"):
        _hugo_site(project)


def _hugo_site(project: Path) -> None:
    """The same page sources (front matter + HTML body) as a Hugo site with one plain layout."""
    hugo = project / "hugo"
    shutil.copytree(
        project / "plain" / "docs", hugo / "content", ignore=shutil.ignore_patterns("assets")
    )
    for index in (hugo / "content").rglob("index.md"):
        index.rename(index.with_name("_index.md"))  # Hugo's name for a section page
    layouts = hugo / "layouts" / "_default"
    layouts.mkdir(parents=True)
    page = (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
        "</head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n"
    )
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(page, encoding="utf-8")
    (hugo / "hugo.toml").write_text(
        'baseURL = "/"\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
        "[markup.goldmark.renderer]\nunsafe = true\n",
        encoding="utf-8",
    )


def _median(samples: list[tuple[float, float]], index: int) -> float:
    return statistics.median(s[index] for s in samples)


def bench(n: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        _prepare(project, n)
        ours, validate, plain, floor, hugo = [], [], [], [], []
        for _ in range(runs):
            validate.append(run(VALIDATE, project))
            ours.append(run(BUILD, project))
            plain.append(run([sys.executable, "-m", "mkdocs", "build", "-q"], project / "plain"))
            floor.append(run([sys.executable, str(project / "floor.py")], project))
            if shutil.which("hugo"):
                hugo.append(run(["hugo", "--quiet", "--minify=false"], project / "hugo"))
        result = {
            "validate_s": _median(validate, 0),
            "validate_mb": _median(validate, 1),
            "build_s": _median(ours, 0),
            "build_mb": _median(ours, 1),
            "site_mb": _size_mb(project / "site"),
            "plain_s": _median(plain, 0),
            "plain_mb": _median(plain, 1),
            "plain_site_mb": _size_mb(project / "plain" / "site"),
            "floor_s": _median(floor, 0),
            "floor_mb": _median(floor, 1),
        }
        if hugo:
            result |= {"hugo_s": _median(hugo, 0), "hugo_mb": _median(hugo, 1)}
        result |= measure_site(project / "site")
        serve = measure_serve(project, edits=max(5, runs))
        result |= {f"serve_{k}": v for k, v in serve.items()}
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"机器：{os.cpu_count()} 核，{platform.platform()}，Python {platform.python_version()}；"
          f"每项为 {args.runs} 次运行的中位数\n")  # fmt: skip
    rows = []
    for n in args.sizes:
        r = bench(n, args.runs)
        hugo = f"{r['hugo_s']:.1f} s / {r['hugo_mb']:.0f} MB" if "hugo_s" in r else "未安装"
        rows.append(
            f"| {n:,} | {r['build_s']:.1f} s / {r['build_mb']:.0f} MB / {r['site_mb']:.0f} MB | "
            f"{r['validate_s']:.1f} s | {r['serve_page']:.2f} s（其余 {r['serve_rest']:.1f} s） | "
            f"{r['plain_s']:.1f} s / {r['plain_mb']:.0f} MB / {r['plain_site_mb']:.0f} MB | "
            f"{r['floor_s']:.1f} s / {r['floor_mb']:.0f} MB | {hugo} | "
            f"{r['build_s'] / r['floor_s']:.1f}× | {r['list_kb:courses/']:.0f} KB | "
            f"{r['index_mb']:.2f} MB（gzip {r['index_gzip_mb']:.2f}） | "
            f"{r['search_first_ms']:.0f} / {r['search_ms']:.0f} ms |"
        )
        print(f"{n}: {r}", file=sys.stderr, flush=True)
    print(
        "| 记录数 | 本项目构建（时间 / 峰值内存 / 站点大小） | 单独校验 | serve：保存→记录页更新 | "
        "普通 mkdocs-material | jinja2 下限 | Hugo | 与下限之比 | 课程列表页首次传输（gzip） | "
        "搜索索引 | 搜索（首次 / 之后中位数） |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
