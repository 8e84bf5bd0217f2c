"""The maintainers' workflow parts that can run here: GitHub annotations, the change summary between
two git revisions, and the link checker against a local server (200, 301, 404, 500, slow)."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from kejiao.linkcheck import LinkRule, Use, check, check_all, check_one, report

from .conftest import ROOT, TODAY, run_cli

CASES = ROOT / "tests" / "cases"


def test_github_annotations_point_at_the_line(project, capsys) -> None:
    root = project(CASES / "wrong-values" / "content")
    code, output = run_cli(capsys, root, "validate", "--format", "github")
    assert code == 1
    annotations = [line for line in output.splitlines() if line.startswith("::")]
    assert annotations[2] == (
        "::error file=content/courses/c.yml,line=8,col=7,title=mode::取值应为以下之一：线下、线上、双师课堂、混合"
    )
    assert len(annotations) == 3


def test_annotation_escapes_workflow_command_syntax() -> None:
    from kejiao.diagnostics import Diagnostic, Severity

    d = Diagnostic("content/a,b.yml", 3, 4, Severity.WARNING, "x:y", "100% 不对\n第二行")
    assert (
        d.github()
        == "::warning file=content/a%2Cb.yml,line=3,col=4,title=x%3Ay::100%25 不对%0A第二行"
    )


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_change_summary_between_two_revisions(project, capsys) -> None:
    root = project(ROOT / "tests" / "golden-catalogue" / "content")
    git(root, "init", "-q")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    course = root / "content/courses/shi-li-ke-hou-chuang-ke.yml"
    course.write_text(
        course.read_text(encoding="utf-8").replace("capacity: 30", "capacity: 35"), encoding="utf-8"
    )
    (root / "content/bases/bei-jing-tian-wen-guan.yml").unlink()
    shutil.copy(
        CASES / "no-provider/content/courses/c.yml", root / "content/courses/xin-ke-cheng.yml"
    )
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "change")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "add")
    code, output = run_cli(capsys, root, "changes", "HEAD~2", "HEAD")
    assert code == 0
    assert "新增 1 条，修改 1 条，删除 1 条（HEAD~2..HEAD）。" in output
    assert "- **课程** 测试课程（`content/courses/xin-ke-cheng.yml`）" in output
    assert "  - 人数上限（`capacity`）：30 → 35" in output
    assert "- **基地** 北京天文馆（`content/bases/bei-jing-tian-wen-guan.yml`）" in output
    assert output.index("### 新增") < output.index("### 修改") < output.index("### 删除")


def test_change_summary_says_what_it_cannot_read_and_hides_no_op_edits(project, capsys) -> None:
    root = project(ROOT / "tests" / "golden-catalogue" / "content")
    commit = ("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, *commit, "base")
    course = root / "content/courses/shi-li-ke-hou-chuang-ke.yml"
    text = course.read_text(encoding="utf-8")
    base = root / "content/bases/bei-jing-tian-wen-guan.yml"
    # same record: a comment, other quotes, a default written out
    base.write_text(
        base.read_text(encoding="utf-8").replace('region: "110102"', "region: '110102'  # 西城区")
        + "example: false\n",
        encoding="utf-8",
    )
    course.write_text(text.replace("capacity: 30", "capacity: [30"), encoding="utf-8")
    (root / "content/courses/xin.yml").write_text("title: [\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, *commit, "change")
    code, output = run_cli(capsys, root, "changes", "HEAD~1", "HEAD")
    assert code == 0
    assert "新增 1 条，修改 1 条，删除 0 条" in output
    assert "注意：新文件无法读取（第 " in output
    assert "另有 1 个文件只改了格式或注释，记录内容不变。" in output
    assert "bei-jing-tian-wen-guan" not in output
    assert "新版本无法读取（第 " in output and "请运行 python build.py validate" in output
    assert "→ （无）" not in output


class Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self.respond()

    def do_GET(self) -> None:
        self.respond()

    def respond(self) -> None:
        path = self.path
        if path == "/slow":
            time.sleep(1.5)
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
            return
        if path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
            self.end_headers()
            return
        status = {"/missing": 404, "/error": 500}.get(path, 200)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


RULE = LinkRule(timeout=0.5, retries=1, concurrency=4)


def test_each_kind_of_answer(server: str) -> None:
    assert check_one(f"{server}/ok", RULE).ok
    moved = check_one(f"{server}/moved", RULE)
    assert (
        moved.ok and moved.final_url == f"{server}/ok" and moved.redirects == [f"301 → {server}/ok"]
    )
    assert check_one(f"{server}/missing", RULE).status == 404
    error = check_one(f"{server}/error", RULE)
    assert not error.ok and error.error == "HTTP 500"
    slow = check_one(f"{server}/slow", RULE)
    assert not slow.ok and slow.error == "超时"
    assert check_one(f"{server}/no-head", RULE).ok  # retried with GET
    skipped = check_one(f"{server}/missing", LinkRule(skip_domains=("127.0.0.1",)))
    assert skipped.ok and skipped.skipped


def test_cache_skips_recent_successes_only(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    urls = [f"{server}/ok", f"{server}/missing"]
    check_all(urls, RULE, cache)
    stored = json.loads(cache.read_text(encoding="utf-8"))
    stored[f"{server}/ok"]["status"] = 299  # would only show if the cached result is reused
    cache.write_text(json.dumps(stored), encoding="utf-8")
    again = check_all(urls, RULE, cache)
    assert again[f"{server}/ok"].status == 299
    assert again[f"{server}/missing"].status == 404  # failures are checked again
    later = check_all(urls, RULE, cache, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=8))
    assert later[f"{server}/ok"].status == 200


def test_report_groups_by_file_and_record(server: str) -> None:
    used = [
        Use("content/bases/a.yml", "甲基地", "website", f"{server}/missing"),
        Use("content/bases/a.yml", "甲基地", "booking.url", f"{server}/moved"),
        Use("content/courses/b.yml", "乙课程", "source.url", f"{server}/ok"),
    ]
    results = check_all([u.url for u in used], RULE, None)
    text, broken = report(used, results, markdown=True)
    assert broken == 1
    assert "共检查 3 个网址：1 处失效，1 处已跳转。" in text
    assert f"- `content/bases/a.yml`（甲基地）\n  - website: {server}/missing HTTP 404" in text
    assert f"booking.url: {server}/moved → {server}/ok" in text


def test_check_links_command(project, capsys, server: str) -> None:
    root = project()
    (root / "content" / "bases").mkdir()
    text = (CASES / "duplicates/content/bases/a.yml").read_text(encoding="utf-8")
    text = text.replace("https://www.example.org/museum/", f"{server}/missing")
    (root / "content/bases/a.yml").write_text(text, encoding="utf-8")
    code, output = run_cli(capsys, root, "check-links", "--no-cache")
    assert code == 1
    assert f"website: {server}/missing HTTP 404" in output


OFFLINE = LinkRule(timeout=0.5, retries=0, concurrency=4, probe_hosts=("probe.invalid",))


def test_no_network_is_not_a_broken_link(server: str) -> None:
    # .invalid never resolves (RFC 2606), with or without a network
    urls = ["https://a.invalid/", "https://b.invalid/x"]
    result = check_one(urls[0], OFFLINE)
    assert not result.ok and result.network
    assert result.error.startswith("域名无法解析") and not re.search(r"[A-Za-z]{3,}", result.error)
    checked = check(urls, OFFLINE, None)
    assert checked.offline
    # a probe host answers: the network is there, so the links are broken
    probe = server.removeprefix("http://")
    assert not check(urls, LinkRule(timeout=0.5, retries=0, probe_hosts=(probe,)), None).offline
    # every link times out or is refused and nothing else answers either: offline too
    refused = [f"http://127.0.0.1:{_free_port()}/"]
    assert check(refused, OFFLINE, None).offline
    assert not check(refused, LinkRule(timeout=0.5, retries=0, probe_hosts=(probe,)), None).offline


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_one_unresolvable_domain_among_answers_is_broken(server: str) -> None:
    used = [
        Use("content/bases/a.yml", "甲基地", "website", f"{server}/ok"),
        Use("content/bases/a.yml", "甲基地", "source.url", "https://gone.invalid/"),
        Use("content/bases/b.yml", "乙基地", "website", f"{server}/missing"),
    ]
    checked = check([u.url for u in used], OFFLINE, None)
    assert not checked.offline
    text, broken = report(used, checked.results)
    assert broken == 2
    assert "source.url: https://gone.invalid/ 域名无法解析" in text
    assert f"website: {server}/missing HTTP 404（页面不存在）" in text
    assert "Errno" not in text and "Name or service" not in text


def test_check_links_without_network_exits_with_its_own_message(
    project, capsys, monkeypatch
) -> None:
    root = project()
    (root / "content" / "bases").mkdir()
    shutil.copy(CASES / "duplicates/content/bases/a.yml", root / "content/bases/a.yml")

    def no_dns(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    code, output = run_cli(capsys, root, "check-links", "--no-cache", "--format", "markdown")
    assert code == 3
    assert "网络不可用" in output and "不报告任何链接失效" in output
    assert "失效的链接" not in output and "Temporary failure" not in output


def test_stale_report(capsys) -> None:
    code, output = run_cli(capsys, ROOT, "stale", "--today", "2027-12-01")
    assert code == 0
    assert (
        "content/bases/bei-jing-tian-wen-guan.yml\t基地\t北京天文馆\t最后核实 2026-11-23（373 天前）"
        in output
    )
    every = len(list((ROOT / "content").rglob("*.yml")))  # all were checked before 2026-12-01
    assert f"共 {every} 条记录超过 365 天没有核实" in output
    code, output = run_cli(capsys, ROOT, "stale", "--today", TODAY.isoformat())
    assert "共 0 条记录" in output


def test_editor_settings_map_every_kind_to_its_schema() -> None:
    from kejiao.kinds import KINDS

    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for name, kind in KINDS.items():
        assert mapping[f"./schemas/{name}.schema.json"] == f"content/{kind.folder}/**/*.yml"
        assert (ROOT / "schemas" / f"{name}.schema.json").is_file()
    for path in (ROOT / "content").rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=../../schemas/"), path


def test_workflows_call_commands_that_exist() -> None:
    import re
    import shlex

    import yaml

    from kejiao.cli import _parser

    commands = []
    for path in sorted((ROOT / ".github/workflows").glob("*.yml")):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert workflow["jobs"], path
        for job in workflow["jobs"].values():
            for step in job.get("steps", []):
                for line in str(step.get("run", "")).splitlines():
                    match = re.search(r"python build\.py ([^>|]*)", line)
                    if match:
                        commands.append(
                            shlex.split(match.group(1).replace("${{ github.base_ref }}", "main"))
                        )
    assert len(commands) >= 5
    for args in commands:
        _parser().parse_args(args)  # exits (fails the test) on an unknown command or option
