"""Hostile text in any YAML field is escaped or removed in the built HTML (checked by parsing it)."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from .conftest import TODAY, run_cli

SCRIPT = "<script>alert('x')</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
COURSE = f"""title: "{SCRIPT}天文课"
summary: '{ATTRIBUTE}简介'
description: |
  正文 <script>alert(2)</script> <iframe src="https://evil.example/"></iframe>
  <b style="color:red" onclick="alert(3)">粗体</b>

  [坏链接](javascript:alert(4)) [数据](data:text/html;base64,PHNjcmlwdD4=) [好链接](https://example.org/)

  <a href="https://example.org/" onmouseover="alert(5)">悬停</a>
provider: "[点我](javascript:alert(6))"
course_type: 课外拓展课程
fields: [天文与航天]
grades: {{from: 3, to: 6}}
hours: 4
mode: 线下
venue: "{{{{ 7*7 }}}} {{% raw %}}"
cost: {{type: 免费, note: "<style>body{{display:none}}</style>"}}
booking: {{url: "https://example.org/?a=1&b=\\"><script>alert(7)</script>"}}
last_verified: 2026-11-01
source: {{title: "来源</footer><script>alert(8)</script>", url: "https://example.org/source"}}
"""


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text: list[str] = []  # executable scripts
        self.data_blocks: list[str] = []  # JSON-LD and other data scripts
        self._in_script: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            kind = dict(attrs).get("type") or "text/javascript"
            self._in_script = "data" if kind.startswith("application/") else "code"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = None

    def handle_data(self, data: str) -> None:
        target = {"code": self.script_text, "data": self.data_blocks, None: self.text}
        target[self._in_script].append(data)


def parse(path: Path) -> Collector:
    collector = Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def test_hostile_fields_are_escaped_in_every_page(project, capsys) -> None:
    root = project()
    (root / "content" / "courses").mkdir()
    (root / "content" / "courses" / "evil.yml").write_text(COURSE, encoding="utf-8")
    code, output = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
    assert code == 0, output
    site = root / "site"
    pages = [site / "courses" / "evil" / "index.html", site / "courses" / "index.html"]
    for page in pages:
        html = parse(page)
        for tag, attrs in html.tags:
            assert tag not in ("iframe", "img", "style", "object", "embed"), (page, tag)
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
            for name in ("href", "src"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:")), (page, value)
            if tag == "script":
                assert (attrs.get("src") or "").startswith(("../", "assets/")) or not attrs.get(
                    "src"
                )
        assert not any("alert" in text for text in html.script_text), page
        assert not any("evil.example" in str(attrs) for _, attrs in html.tags)
    detail = parse(pages[0])
    (block,) = [b for b in detail.data_blocks if '"@context"' in b]
    assert json.loads(block)["name"] == SCRIPT + "天文课"  # JSON-LD holds the text as data
    visible = "".join(detail.text)
    assert SCRIPT + "天文课" in visible  # shown as text, not run
    assert "{{ 7*7 }}" in visible  # no template evaluation of content
    external = [
        a
        for t, a in detail.tags
        if t == "a" and (a.get("href") or "").startswith("https://example.org/")
    ]
    assert external and all(a.get("rel") == "noopener noreferrer" for a in external)


def test_record_text_with_the_engines_markers_is_filled_once(project, capsys) -> None:
    """A title or summary that contains the frame's marker words stays text: the page has one
    <h1>, its JSON-LD parses and names the record as written (issue 17, item 9)."""
    from .conftest import ROOT

    root = project(ROOT / "tests" / "golden-catalogue" / "content")
    course = root / "content" / "courses" / "shi-li-tian-wen-guan-ce-ru-men.yml"
    text = course.read_text(encoding="utf-8")
    title = "KJ0FRAME0TITLE 天文 KJ0FRAME0DESCRIPTION <!--KJ:BODY:START-->"
    text = text.replace("title: ", f'title: "{title}"\nx_old_title: ', 1)
    text = "\n".join(line for line in text.splitlines() if not line.startswith("x_old_title"))
    course.write_text(text + "\n", encoding="utf-8")
    code, output = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
    assert code == 0, output
    html = (root / "site" / "courses" / "shi-li-tian-wen-guan-ce-ru-men" / "index.html").read_text(
        encoding="utf-8"
    )
    assert html.count("<h1") == 1
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(block)["name"] == title
    assert "<!--KJ:BODY:START-->" not in html  # the marker in the title was escaped
