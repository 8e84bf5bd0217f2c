"""The project's build against two references on the same N records, in one go:

  (a) a plain mkdocs-material site of the same pages (every record page through MkDocs), the obvious
      alternative;
  (b) a jinja2-only render of the same pages straight to files, the floor.

Reports the median wall time and peak memory over runs, and the ratio to the floor.

    python bench/compare.py 1000 10000 [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

# The floor: read every record with libyaml (no checks) and write one page per record with one
# jinja2 template. Nothing can build these pages faster in Python.
FLOOR = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import jinja2, yaml
    project = Path({project!r})
    page = jinja2.Environment(autoescape=True).from_string(
        "<!doctype html><html lang=zh><meta charset=utf-8><title>{{{{ r.title or r.name }}}}</title>"
        "<h1>{{{{ r.title or r.name }}}}</h1><dl>{{% for k, v in r.items() %}}<dt>{{{{ k }}}}<dd>{{{{ v }}}}{{% endfor %}}</dl></html>")
    for path in sorted((project / "content").rglob("*.yml")):
        record = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        target = project / "floor" / path.parent.name / path.stem / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.render(r=record), encoding="utf-8")
    """
)


def run(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process; stops on failure."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"{' '.join(cmd)} failed:\n{proc.stderr.read().decode() if proc.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024


def plain_mkdocs(project: Path) -> Path:
    """The same pages as Markdown sources for a stock MkDocs build."""
    import re

    from kejiao.engine.material import front_matter
    from kejiao.pipeline import load_catalogue
    from kejiao.render.context import Page, PageContext, RenderContext
    from kejiao.render.producers import produce_all
    from kejiao.render.records import record_pages
    from kejiao.site import page_source

    catalogue, _ = load_catalogue(project / "content", root=project, today=dt.date(2026, 11, 22))
    plain = project / "plain"
    docs = plain / "docs"
    shutil.copytree(ROOT / "docs", docs)
    context = RenderContext(catalogue, PageContext(site_name="x"))
    sources = {}
    for out in [*produce_all(catalogue, context), *record_pages(context)]:
        if isinstance(out, Page):  # a blank line would end Markdown's raw HTML block
            body = re.sub(r"\n\s*\n", "\n", out.body)
            sources[page_source(out.url)] = front_matter(out.title, out.description) + body
        else:
            sources[out.path] = out.text
    for rel, text in sources.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    config = (
        (ROOT / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("  custom_dir: site_overrides\n", "")
    )
    (plain / "mkdocs.yml").write_text(config, encoding="utf-8")
    return plain


def prepare(project: Path, n: int) -> None:
    generate(project / "content", n)
    plain_mkdocs(project)


def main() -> None:
    if sys.argv[1:2] == ["--prepare"]:
        prepare(Path(sys.argv[2]), int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(
        "| records | this project s | peak MB | plain mkdocs-material s | peak MB | jinja2 floor s | peak MB | ratio to floor |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
            for name in ("docs", "site_overrides"):
                shutil.copytree(ROOT / name, project / name)
            # Prepared in a child process: a large parent would inflate the children's peak RSS.
            subprocess.run(
                [sys.executable, __file__, "--prepare", str(project), str(n)], check=True
            )
            plain = project / "plain"
            (project / "floor.py").write_text(
                FLOOR.format(root=str(ROOT), project=str(project)), encoding="utf-8"
            )
            ours, reference, floor = [], [], []
            for _ in range(args.runs):
                ours.append(
                    run(
                        [sys.executable, str(ROOT / "build.py"), "build", "--today", "2026-11-22"],
                        project,
                    )
                )
                reference.append(run([sys.executable, "-m", "mkdocs", "build", "-q"], plain))
                floor.append(run([sys.executable, str(project / "floor.py")], project))
            med = lambda xs, i: statistics.median(x[i] for x in xs)  # noqa: E731
            print(f"| {n} | {med(ours, 0):.1f} | {med(ours, 1):.0f} | {med(reference, 0):.1f} | "
                  f"{med(reference, 1):.0f} | {med(floor, 0):.1f} | {med(floor, 1):.0f} | "
                  f"{med(ours, 0) / med(floor, 0):.1f}× |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
