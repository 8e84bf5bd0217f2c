"""Demo records (example: true) are marked everywhere they travel, and `include_examples: false`
builds a production site without them (issue 14)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from .conftest import ROOT, run_cli


def without_examples(root: Path) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "    content_dir: content\n", "    content_dir: content\n    include_examples: false\n"
        ),
        encoding="utf-8",
    )


def demo_ids() -> set[str]:
    return {
        p.stem
        for p in (ROOT / "content").rglob("*.yml")
        if "example: true" in p.read_text(encoding="utf-8")
    }


def test_every_data_table_carries_the_example_column(shipped_site: Path) -> None:
    data = shipped_site / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if "schema" not in resource:  # the full JSON records: checked below
            continue
        names = [f["name"] for f in resource["schema"]["fields"]]
        assert "example" in names, resource["name"]
    for path in data.glob("*.csv"):
        with path.open(encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        assert rows and all(row["example"] in ("true", "false") for row in rows), path.name
    demos = demo_ids()
    for path in data.glob("*.json"):
        if path.name == "datapackage.json":
            continue
        for record in json.loads(path.read_text(encoding="utf-8")):
            assert record["example"] is (record["id"] in demos), (path.name, record["id"])


def test_home_counts_say_how_many_are_demos(shipped_site: Path) -> None:
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    courses = sum(1 for p in (ROOT / "content" / "courses").glob("*.yml"))
    demo_courses = sum(
        1
        for p in (ROOT / "content" / "courses").glob("*.yml")
        if "example: true" in p.read_text(encoding="utf-8")
    )
    assert (
        f'<span class="kj-card__count">{courses}</span><span class="kj-card__label">课程</span>'
        in home
    )
    assert f"其中示例 {demo_courses}" in home


def test_a_production_site_has_no_demo_records(project, capsys) -> None:
    root = project(ROOT / "content")
    without_examples(root)
    code, out = run_cli(capsys, root, "build", "--today", "2026-11-22")
    assert code == 0, out
    site = root / "site"
    demos = demo_ids()
    assert demos
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".ics"):
            text = path.read_text(encoding="utf-8")
            assert "kj-badge--example" not in text, path
            assert not any(f"{d}/" in text or f'"{d}"' in text for d in demos), path
    assert "其中示例" not in (site / "index.html").read_text(encoding="utf-8")
    with (site / "data" / "competitions.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert rows and {r["example"] for r in rows} == {"false"}


def test_a_real_record_referring_to_a_demo_is_an_error(project, capsys) -> None:
    root = project(ROOT / "content")
    without_examples(root)
    real = (
        root / "content" / "competitions" / "quan-guo-zhong-xue-sheng-tian-wen-zhi-shi-jing-sai.yml"
    )
    real.write_text(
        real.read_text(encoding="utf-8") + "bases: [shi-li-qing-shao-nian-ke-ji-guan]\n",
        encoding="utf-8",
    )
    before = sorted(p.name for p in root.iterdir())
    code, out = run_cli(capsys, root, "build", "--today", "2026-11-22")
    assert code == 1
    assert "quan-guo-zhong-xue-sheng-tian-wen-zhi-shi-jing-sai.yml:" in out
    assert "shi-li-qing-shao-nian-ke-ji-guan 是示例记录" in out and "include_examples: false" in out
    assert sorted(p.name for p in root.iterdir()) == before  # nothing written
    # With examples included (the default) the same content builds.
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    code, out = run_cli(capsys, root, "build", "--today", "2026-11-22")
    assert code == 0, out
