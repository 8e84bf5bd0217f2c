"""Open data as others take it: the Frictionless package, schema.org JSON-LD, feed, sitemap,
robots.txt and sharing metadata, on a site built with its address configured."""

from __future__ import annotations

import csv
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from frictionless import validate

from .conftest import ROOT, TODAY, make_project
from .schemaorg import problems

SITE_URL = "https://kejiao.example.org/catalogue/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from kejiao.cli import main

    root = make_project(tmp_path_factory.mktemp("opendata") / "p", ROOT / "content")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('site_url: ""', f"site_url: {SITE_URL}"),
        encoding="utf-8",
    )
    # An expert who has not consented must not surface anywhere.
    shutil.copy(
        ROOT / "tests/cases/no-consent/content/experts/e.yml", root / "content/experts/e.yml"
    )
    assert main(["-f", str(config), "build", "--today", TODAY.isoformat()]) == 0
    return root / "site"


def test_the_data_package_is_valid(site: Path) -> None:
    report = validate(site / "data" / "datapackage.json")
    assert report.valid, report.flatten(["taskName", "rowNumber", "type", "message"])
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    courses = next(r for r in package["resources"] if r["name"] == "courses")
    fields = {f["name"]: f for f in courses["schema"]["fields"]}
    assert courses["schema"]["primaryKey"] == ["id"]
    assert {"fields": ["base_id"], "reference": {"resource": "bases", "fields": ["id"]}} in courses[
        "schema"
    ]["foreignKeys"]
    assert "线下" in fields["mode"]["constraints"]["enum"]
    assert fields["fields"]["type"] == "list" and fields["fields"]["delimiter"] == ";"
    assert all(f.get("description") for f in fields.values())


def test_a_broken_foreign_key_is_reported(site: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(site / "data", data)
    topics = (data / "topics.csv").read_text(encoding="utf-8")
    assert ",shi-li-wang-tian-wen," in topics
    (data / "topics.csv").write_text(
        topics.replace(",shi-li-wang-tian-wen,", ",nobody,", 1), encoding="utf-8"
    )
    report = validate(data / "datapackage.json")
    assert not report.valid
    errors = [
        [task.name, *row] for task in report.tasks for row in task.flatten(["type", "fieldNames"])
    ]
    assert errors == [["topics", "foreign-key", ["speaker_id"]]]


def test_exports_hold_every_published_record_and_no_personal_contact(site: Path) -> None:
    with open(site / "data" / "competitions.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 48
    assert sum(1 for r in rows if r["whitelist_cycle"] == "2025-2028") == 47
    assert rows[0]["url"].startswith(SITE_URL)
    with open(site / "data" / "experts.csv", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        experts = list(reader)
    assert not {"phone", "email", "wechat", "mobile", "contact", "consent"} & set(
        reader.fieldnames or []
    )
    assert {r["id"] for r in experts} == {
        "shi-li-wang-tian-wen",
        "shi-li-li-ji-qi-ren",
        "shi-li-zhao-sheng-ming",
    }
    full = json.loads((site / "data" / "experts.json").read_text(encoding="utf-8"))
    assert all("consent" not in r for r in full) and len(full) == 3
    for path in (site / "data").iterdir():
        text = path.read_text(encoding="utf-8")
        assert "测试专家" not in text, path  # the expert without consent
        assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", text), path


def jsonld(page: Path) -> dict:
    (block,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8")
    )
    return json.loads(block)


@pytest.mark.parametrize(
    ("url", "kind", "expect"),
    [
        (
            "courses/shi-li-tian-wen-guan-ce-ru-men",
            "Course",
            ["provider", "hasCourseInstance", "timeRequired"],
        ),
        ("bases/bei-jing-tian-wen-guan", "Museum", ["address", "sameAs"]),
        (
            "bases/shi-li-qing-shao-nian-ke-ji-guan",
            "EducationalOrganization",
            ["address", "location"],
        ),
        ("experts/shi-li-wang-tian-wen", "Person", ["jobTitle", "affiliation", "knowsAbout"]),
        (
            "topic-lists/shi-li-2026-qiu-ji-ke-xue-bao-gao",
            "ItemList",
            ["itemListElement", "numberOfItems"],
        ),
        (
            "competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai",
            "EventSeries",
            ["subEvent", "organizer"],
        ),
    ],
)
def test_json_ld_uses_the_schema_org_vocabulary(
    site: Path, url: str, kind: str, expect: list[str]
) -> None:
    data = jsonld(site / url / "index.html")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == kind
    assert data["url"] == f"{SITE_URL}{url}/"
    for key in expect:
        assert key in data
    assert problems(data) == []
    text = json.dumps(data, ensure_ascii=False)
    assert "email" not in text or kind != "Person"
    assert "telephone" not in text or kind not in ("Person", "Course")


def test_course_instance_and_events_carry_details(site: Path) -> None:
    course = jsonld(site / "courses/shi-li-tian-wen-guan-ce-ru-men/index.html")
    instance = course["hasCourseInstance"]
    assert instance["courseMode"] == "onsite" and instance["courseWorkload"] == "12课时"
    assert course["timeRequired"] == "PT8H" and course["isAccessibleForFree"] is True
    assert instance["instructor"][0] == {
        "@type": "Person", "name": "王示例", "jobTitle": "研究员",
        "url": f"{SITE_URL}experts/shi-li-wang-tian-wen/",
        "affiliation": {"@type": "Organization", "name": "示例天文研究所"},
    }  # fmt: skip
    series = jsonld(site / "competitions/shi-li-shi-qing-shao-nian-tian-wen-guan-ce-sai/index.html")
    first = series["subEvent"][0]
    assert first["@type"] == "Event" and first["startDate"] == "2027-03-01"
    assert first["offers"]["validThrough"] == "2026-12-31"


def test_the_vocabulary_check_can_fail() -> None:
    assert problems({"@type": "Person", "telephoneNumber": "x"}) == [
        "$.telephoneNumber: 不是 schema.org 属性"
    ]
    assert problems({"@type": "Person", "courseMode": "onsite"}) == [
        "$.courseMode: 不适用于 Person"
    ]
    assert problems({"@type": "Lecture"}) == ["$: Lecture 不是 schema.org 类型"]


def test_sitemap_feed_robots_and_sharing_metadata(site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "a": "http://www.w3.org/2005/Atom"}
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    entries = {
        u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in sitemap
    }
    assert entries[f"{SITE_URL}courses/shi-li-tian-wen-guan-ce-ru-men/"] == "2026-11-01"
    assert entries[f"{SITE_URL}bases/bei-jing-tian-wen-guan/"] == "2026-11-23"
    assert f"{SITE_URL}experts/e/" not in entries
    feed = ET.parse(site / "feed.xml").getroot()
    links = [e.find("a:link", ns).get("href") for e in feed.findall("a:entry", ns)]
    assert links and all(link.startswith(SITE_URL) for link in links)
    assert f"Sitemap: {SITE_URL}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    page = (site / "bases/bei-jing-tian-wen-guan/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}bases/bei-jing-tian-wen-guan/">' in page
    assert '<meta property="og:title" content="北京天文馆">' in page
    assert f'<meta property="og:image" content="{SITE_URL}assets/share.png">' in page
    assert (site / "assets" / "share.png").is_file()


def test_download_page_explains_the_files(site: Path) -> None:
    page = (site / "data" / "index.html").read_text(encoding="utf-8")
    for name in (
        "courses.csv",
        "bases.csv",
        "experts.csv",
        "topics.csv",
        "datapackage.json",
        "courses.json",
    ):
        assert f'href="{name}"' in page
    assert "CC BY 4.0" in page and "booking_url" in page


def test_the_full_json_files_are_plain_indented_json() -> None:
    """Each record is dumped on its own and joined (one record's values in memory at a time): the
    file is exactly the whole list dumped with indent 1, also for a kind with no record."""
    import datetime as dt

    from kejiao.catalogue import Catalogue
    from kejiao.kinds import KINDS
    from kejiao.opendata.package import _json_records
    from kejiao.pipeline import check

    catalogue, _ = check(ROOT / "content", root=ROOT, today=dt.date(2026, 11, 22))
    for kind in KINDS:
        text = _json_records(catalogue, kind, "https://example.org/")
        records = json.loads(text)
        assert len(records) == len(catalogue.records[kind]) > 0
        assert text == json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    assert _json_records(Catalogue(), "course", "") == "[]\n"
