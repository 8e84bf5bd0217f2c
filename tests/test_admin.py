"""The /admin/ editor for real: Decap CMS in Chromium against decap-server (its local proxy) on a
copy of the project. Records made through the form land in content/ in the repository's format and
pass `validate`; a wrong value is stopped in the form with the CLI's wording."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from kejiao.editor.fields import pattern_messages
from kejiao.models.common import ID_PATTERN, Url
from kejiao.yamlsafe import parse

from .browser import serve
from .conftest import ROOT, make_project, run_cli

pytestmark = pytest.mark.browser
SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
DECAP = ROOT / "docs" / "editor" / "decap"
URL_PATTERN = TypeAdapter(Url).json_schema()["pattern"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def editor(tmp_path: Path, capsys) -> Iterator[tuple[Path, str]]:
    """A project copy with the shipped content, its site built, decap-server on it; yields the
    project folder and the address of /admin/."""
    if not shutil.which("node") or not SERVER.is_file() or not (DECAP / "decap-cms.js").is_file():
        pytest.skip("需要 node 和 npm 包：运行 bash scripts/vendor_cms.sh")
    root = make_project(tmp_path / "project", ROOT / "content")
    port = _free_port()
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    # decap-server writes files straight into the folder (MODE=fs), which has no editorial workflow.
    editor_settings = (
        "  catalogue:\n    editor:\n      editorial_workflow: false\n"
        f"      local_backend: http://127.0.0.1:{port}/api/v1\n"
    )
    assert "  catalogue:\n" in config
    (root / "mkdocs.yml").write_text(config.replace("  catalogue:\n", editor_settings, 1))
    code, out = run_cli(capsys, root, "build", "--today", "2026-11-22")
    assert code == 0, out
    env = dict(
        os.environ,
        PORT=str(port),
        MODE="fs",
        GIT_REPO_DIRECTORY=str(root),
        BIND_HOST="127.0.0.1",
        LOG_LEVEL="error",
    )
    server = subprocess.Popen(["node", str(SERVER)], env=env, stdout=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        with serve(root / "site") as url:
            yield root, url + "admin/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def control(page, label: str):
    """A form control by its Chinese label (Decap adds " (可选)" to optional ones)."""
    return (
        page.get_by_label(re.compile("^" + re.escape(label) + r"( \(可选\))?$"))
        .locator("visible=true")
        .first
    )


def choose(page, label: str, option: str) -> None:
    """Pick an option of a Decap select or relation widget (react-select) by typing it."""
    box = control(page, label)
    box.click()
    box.fill(option)
    page.locator("[class*='-option']", has_text=option).first.wait_for()
    page.keyboard.press("Enter")


def open_new(page, admin: str, folder: str) -> None:
    page.goto(f"{admin}#/collections/{folder}/new")
    # The previous record's editor may still be on the page for a moment.
    page.wait_for_function(
        "() => document.querySelectorAll('input[id^=id-field]').length === 1"
        " && !document.querySelector('input[id^=id-field][readonly]')",
        timeout=60000,
    )


def publish(page) -> None:
    page.get_by_role("button", name="发布").first.click()
    page.get_by_text("立即发布").first.click()


def published(page, path: Path) -> str:
    """The file once Decap has written it and moved on to the saved entry."""
    try:
        text = wait_for(path)
    except AssertionError:
        page.screenshot(path="/tmp/cms-proto/fail.png", full_page=True)
        shown = page.locator("li").all_inner_texts()
        shown.append(page.locator("[id^=title-field]").count())
        shown.append(
            page.evaluate(
                "() => [...document.querySelectorAll('[id^=title-field]')].map(e => e.value).join('|')"
            )
        )
        raise AssertionError(f"{path.name} was not written; the form says {shown}") from None
    page.wait_for_url(re.compile(r"/entries/"))
    return text


def wait_for(path: Path, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file() and path.stat().st_size:
            return path.read_text(encoding="utf-8")
        time.sleep(0.2)
    raise AssertionError(f"{path} was not written")


def test_records_made_in_the_editor_validate(editor, browser, capsys):
    root, admin = editor
    page = browser.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(admin)
    page.get_by_role("button", name="登录").click()

    # A base.
    open_new(page, admin, "bases")
    page.get_by_label("编号", exact=True).fill("ce-shi-ke-ji-guan")
    control(page, "基地名称").fill("测试科技馆")
    control(page, "简介").fill("一个用于测试编辑器的基地。")
    choose(page, "类别", "科技场馆类")
    choose(page, "类型", "科技馆")
    page.locator("select[aria-label=省份]").select_option("110000")
    page.locator("select[aria-label=城市或区县]").select_option("110108")
    control(page, "地址").fill("北京市海淀区测试路 1 号")
    page.get_by_role("button", name="新增开放时间").click()
    choose(page, "开放的星期", "周二")
    control(page, "时间").fill("09:00")  # opens
    page.get_by_label(re.compile("^时间")).nth(1).fill("17:00")  # closes
    control(page, "最后核实日期").fill("2026-11-20")
    page.locator("[id^=title-field]").last.fill("测试科技馆官网")
    page.locator("[id^=url-field]").last.fill(
        "https://example.org/source"
    )  # real records cite a URL
    publish(page)
    base = published(page, root / "content" / "bases" / "ce-shi-ke-ji-guan.yml")
    assert base.startswith("# yaml-language-server: $schema=../../schemas/base.schema.json\n")
    assert 'region: "110108"' in base
    assert 'opens: "09:00"' in base and 'closes: "17:00"' in base
    assert "last_verified: 2026-11-20\n" in base
    assert "example:" not in base and "id:" not in base

    # A course that references it.
    open_new(page, admin, "courses")
    page.get_by_label("编号", exact=True).fill("ce-shi-ke-cheng")
    control(page, "课程名称").fill("测试课程")
    control(page, "简介").fill("一门测试课程。")
    choose(page, "基地编号", "测试科技馆")
    choose(page, "课程类型", "校本课程")
    choose(page, "领域", "天文与航天")
    control(page, "起始年级").fill("4")
    control(page, "结束年级").fill("6")
    control(page, "总课时").fill("12")
    page.get_by_role("button", name="新增课次安排").click()
    control(page, "课次名称").fill("认识星空")
    choose(page, "授课形式", "线下")
    choose(page, "费用类型", "免费")
    control(page, "预约须知").fill("请提前一周预约")
    control(page, "最后核实日期").fill("2026-11-20")
    page.locator("[id^=title-field]").last.fill("测试来源")
    page.locator("[id^=url-field]").last.fill(
        "https://example.org/source"
    )  # real records cite a URL
    publish(page)
    course = published(page, root / "content" / "courses" / "ce-shi-ke-cheng.yml")
    assert "base: ce-shi-ke-ji-guan\n" in course
    assert "fields: [天文与航天]" in course
    assert "lessons:\n  - title: 认识星空\n" in course

    # A topic list.
    open_new(page, admin, "topic-lists")
    page.get_by_label("编号", exact=True).fill("ce-shi-qing-dan")
    control(page, "清单名称").fill("测试主题清单")
    control(page, "发布单位").fill("测试科协")
    # As bulletins publish them: a date, a title and a speaker's name; the validity, grades,
    # duration and format stay closed and empty (未注明), and nothing empty is written for them.
    control(page, "发布日期").fill("2026-09-01")
    # A required list starts with one (open) item.
    control(page, "报告题目").fill("星空漫游")
    control(page, "主讲人姓名").fill("测试老师")
    control(page, "提供报告的单位").fill("测试天文台")
    choose(page, "领域", "天文与航天")
    control(page, "最后核实日期").fill("2026-11-20")
    page.locator("[id^=title-field]").last.fill("测试来源")
    page.locator("[id^=url-field]").last.fill(
        "https://example.org/source"
    )  # real records cite a URL
    publish(page)
    topics = published(page, root / "content" / "topic-lists" / "ce-shi-qing-dan.yml")
    assert "speaker_name: 测试老师\n" in topics and "published: 2026-09-01\n" in topics
    assert "valid" not in topics and "grades" not in topics and "duration" not in topics
    assert not problems, problems
    # Decap runs under the page's own policy ('unsafe-eval' and inline styles, nothing else).
    assert page.evaluate("() => window.__csp") == []

    code, out = run_cli(capsys, root, "validate", "--today", "2026-11-22")
    assert code == 0, out
    # Only the reminder that a real record should cite a URL may remain (the form left it empty).
    lines = [line for line in out.splitlines() if "warning: source:" not in line]
    for name in ("ce-shi-ke-ji-guan", "ce-shi-ke-cheng", "ce-shi-qing-dan"):
        assert not any(name in line for line in lines), out


def test_an_edited_record_keeps_everything_else(editor, browser):
    """Opening a shipped record and changing one field changes that field only."""
    root, admin = editor
    path = sorted((root / "content" / "bases").glob("*.yml"))[0]
    before = parse(path.read_text(encoding="utf-8")).data
    page = browser.new_page()
    page.goto(admin)
    page.get_by_role("button", name="登录").click()
    page.goto(f"{admin}#/collections/bases/entries/{path.stem}")
    page.locator(f"input[id^='id-field'][readonly][value='{path.stem}']").wait_for(timeout=60000)
    control(page, "简介").fill("新的简介。")
    publish(page)
    deadline = time.monotonic() + 20
    while parse(path.read_text(encoding="utf-8")).data.get("summary") != "新的简介。":
        assert time.monotonic() < deadline, "the record was not saved"
        time.sleep(0.2)
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# yaml-language-server: $schema=../../schemas/base.schema.json\n")
    assert parse(after).data == {**before, "summary": "新的简介。"}


COMMENTED_BASE = "shi-li-qing-shao-nian-ke-ji-guan"


def _commented(text: str) -> str:
    """The shipped example base with comments of every sort a maintainer writes by hand."""
    edits = [
        ("name: 示例区青少年科技馆\n", "# 名称以馆方公告为准\nname: 示例区青少年科技馆  # 全称\n"),
        (
            "  - 每月第一个周六为公众开放日。\n",
            "  - 每月第一个周六为公众开放日。\n  # 这一行是正文，不是注释\n",
        ),
        ('region: "110108"\n', 'region: "110108"  # 海淀区\n'),
        ("  - days: [周六, 周日]\n", "  # 周末\n  - days: [周六, 周日]  # 寒暑假每天开放\n"),
        ('    closes: "16:30"\n', '    # 冬季提前闭馆\n    closes: "16:30"\n'),
        ("  - title: 市级科普教育基地\n", "  # 第二项认定\n  - title: 市级科普教育基地\n"),
    ]
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text + "# 文件末尾：核对记录见 issue 123\n"


def rewritten(path: Path, before: str, timeout: float = 20.0) -> str:
    """The file once decap-server has written something else into it (and stopped writing)."""
    deadline = time.monotonic() + timeout
    last = before
    while True:
        assert time.monotonic() < deadline, "the record was not saved"
        text = path.read_text(encoding="utf-8")
        if text and text != before and text == last:
            return text
        last = text
        time.sleep(0.3)


def open_saved(page, admin: str, folder: str, stem: str) -> None:
    page.goto(admin)
    page.get_by_role("button", name="登录").click()
    page.goto(f"{admin}#/collections/{folder}/entries/{stem}")
    page.locator(f"input[id^='id-field'][readonly][value='{stem}']").wait_for(timeout=60000)


def test_an_edited_record_keeps_its_comments(editor, browser, capsys):
    """Changing one field of a hand-commented file through the real Decap changes that line only:
    every comment (before a field, after a value, inside a list item, at the end) stays; a `#` line
    inside the description stays text. Decap hands the file's text back to our format through the
    entry's data, which is what makes this possible."""
    root, admin = editor
    path = root / "content" / "bases" / f"{COMMENTED_BASE}.yml"
    before = _commented(path.read_text(encoding="utf-8"))
    path.write_text(before, encoding="utf-8")
    page = browser.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    open_saved(page, admin, "bases", COMMENTED_BASE)
    control(page, "简称").fill("新简称")
    publish(page)
    after = rewritten(path, before)
    assert after == before.replace("short_name: 示例科技馆\n", "short_name: 新简称\n")
    assert not problems, problems
    code, out = run_cli(capsys, root, "validate", "--today", "2026-11-22")
    assert code == 0, out
    assert COMMENTED_BASE not in out


def test_a_deleted_list_item_leaves_its_comments(editor, browser, capsys):
    """Deleting the first opening-hours item in Decap's list widget: the item's values go, its
    comments and those of the remaining item stay, the file validates."""
    root, admin = editor
    path = root / "content" / "bases" / f"{COMMENTED_BASE}.yml"
    before = _commented(path.read_text(encoding="utf-8"))
    path.write_text(before, encoding="utf-8")
    hours = parse(before).data["opening_hours"]
    page = browser.new_page()
    open_saved(page, admin, "bases", COMMENTED_BASE)
    field = page.locator("label", has_text=re.compile("^开放时间")).locator(
        "xpath=ancestor::div[.//*[contains(@class, 'StyledListItemTopBar')]][1]"
    )
    field.locator("[class*='StyledListItemTopBar'] button").last.wait_for()
    # The top bar of an item: collapse, drag handle, remove.
    field.locator("[class*='StyledListItemTopBar']").first.locator("button").last.click()
    publish(page)
    after = rewritten(path, before)
    assert parse(after).data == {**parse(before).data, "opening_hours": hours[1:]}
    comments = [line.strip() for line in before.splitlines() if line.lstrip().startswith("#")]
    comments += re.findall(r"  (# .*)$", before, flags=re.M)
    for comment in comments:
        assert after.count(comment) == before.count(comment), comment
    assert "  # 周末\n  - days: [周六, 周日]  # 寒暑假每天开放\n" in after
    code, out = run_cli(capsys, root, "validate", "--today", "2026-11-22")
    assert code == 0, out


def test_a_save_that_would_lose_a_comment_stops(editor, browser):
    """A construct the merge cannot follow (an anchor) in a file with comments: the save stops with
    a message in the editor and the file stays as it was."""
    root, admin = editor
    path = root / "content" / "bases" / f"{COMMENTED_BASE}.yml"
    before = path.read_text(encoding="utf-8").replace(
        "short_name: 示例科技馆\n", "short_name: &short 示例科技馆  # 锚点\n"
    )
    path.write_text(before, encoding="utf-8")
    page = browser.new_page()
    open_saved(page, admin, "bases", COMMENTED_BASE)
    control(page, "简称").fill("新简称")
    publish(page)
    notice = page.locator("#kj-admin-notice")
    notice.wait_for(state="visible", timeout=20000)
    assert "无法保存" in notice.inner_text() and "锚点" in notice.inner_text()
    page.get_by_text("保存内容失败").first.wait_for()
    time.sleep(1)
    assert path.read_text(encoding="utf-8") == before


def test_a_wrong_value_is_stopped_in_the_form(editor, browser):
    root, admin = editor
    page = browser.new_page()
    page.goto(admin)
    page.get_by_role("button", name="登录").click()
    open_new(page, admin, "bases")
    page.get_by_label("编号", exact=True).fill("Ce Shi")
    control(page, "基地名称").fill("测试科技馆")
    control(page, "官方网站").fill("www.example.org")
    publish(page)
    body = page.locator("body")
    messages = pattern_messages()
    page.get_by_text(messages[ID_PATTERN]).first.wait_for()
    assert messages[URL_PATTERN] in body.inner_text()
    assert "必填" in body.inner_text()  # the required fields left empty
    time.sleep(1)
    assert not list((root / "content" / "bases").glob("ce*"))


def test_every_kind_has_a_working_form(editor, browser):
    """Each collection's new-record form opens without a script error, with its region picker."""
    from kejiao.kinds import KINDS

    _, admin = editor
    page = browser.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda dialog: dialog.accept())  # leaving an untouched form
    page.goto(admin)
    page.get_by_role("button", name="登录").click()
    for kind in KINDS.values():
        open_new(page, admin, kind.folder)
        page.get_by_text(f"正在集合“{kind.label}”中编写").first.wait_for()
        if kind.name == "expert":  # a list of regions: each item gets the same picker
            page.get_by_role("button", name="新增服务地区代码").click()
            page.locator("select[aria-label=省份]").first.select_option("330000")
            assert page.locator("select[aria-label=城市或区县]").count() == 1
    assert not problems, problems


def test_without_the_vendored_editor_the_page_says_so(shipped_site, browser, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(shipped_site, site, ignore=shutil.ignore_patterns("decap"))
    with serve(site) as url:
        page = browser.new_page()
        page.goto(url + "admin/")
        notice = page.get_by_role("alert")
        notice.wait_for()
        assert "scripts/vendor_cms.sh" in notice.inner_text()
