"""One folder per bad input under tests/cases/: the exact messages, exit code 1 (0 for warnings-only
cases) and a previous site left untouched by the failed build."""

from __future__ import annotations

from pathlib import Path

import pytest

from kejiao.pipeline import check

from .conftest import ROOT, TODAY, run_cli

CASES = sorted(p for p in (ROOT / "tests" / "cases").iterdir() if p.is_dir())
WARNINGS_ONLY = {"policy-warnings", "no-consent", "duplicates", "comment-in-prose", "topic-undated"}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_messages_are_exact(case: Path, regen: bool) -> None:
    _, diagnostics = check(case / "content", root=case, today=TODAY)
    lines = [d.format() for d in diagnostics]
    expected = case / "expected.txt"
    if regen:
        expected.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lines == expected.read_text(encoding="utf-8").splitlines()
    severities = {d.severity.value for d in diagnostics}
    assert severities == ({"warning"} if case.name in WARNINGS_ONLY else severities | {"error"})


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli_exit_code_and_site_untouched(case: Path, project, capsys) -> None:
    root = project(case / "content")
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    code, output = run_cli(capsys, root, "build", "--today", TODAY.isoformat())
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    for line in expected:
        assert line in output
    assert "Traceback" not in output
    if case.name in WARNINGS_ONLY:
        assert code == 0
        assert (site / "index.html").read_text(encoding="utf-8") != "previous site"
    else:
        assert code == 1
        assert "网站没有更新" in output
        assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
        assert sorted(p.name for p in root.iterdir()) == sorted(
            ["content", "docs", "mkdocs.yml", "site", "site_overrides"]
        )
