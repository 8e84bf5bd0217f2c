"""Shared test helpers: a throwaway project folder, the CLI run in-process, golden refresh."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 22)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="rewrite tests/golden and tests/cases/*/expected.txt from the current output",
    )


@pytest.fixture
def regen(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


def make_project(dest: Path, content: Path | None = None) -> Path:
    """A copy of the project's configuration, theme and hand-written pages, with `content`."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "site_overrides", dest / "site_overrides")
    if content is not None:
        shutil.copytree(content, dest / "content")
    else:
        (dest / "content").mkdir()
    return dest


@pytest.fixture
def project(tmp_path: Path):
    def factory(content: Path | None = None, name: str = "project") -> Path:
        return make_project(tmp_path / name, content)

    return factory


def run_cli(capsys: pytest.CaptureFixture[str], project: Path, *args: str) -> tuple[int, str]:
    """Run `build.py` in-process against `project`; return the exit code and all output."""
    from kejiao.cli import main

    code = main(["-f", str(project / "mkdocs.yml"), *args])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built once for the whole run (tests must not modify it)."""
    from kejiao.cli import main

    root = make_project(tmp_path_factory.mktemp("shipped") / "project", ROOT / "content")
    assert main(["-f", str(root / "mkdocs.yml"), "build", "--today", TODAY.isoformat()]) == 0
    return root / "site"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, shared by the browser tests. Without it they are skipped with
    the reason, except in CI (CI=true), which installs it and must run them."""
    from .browser import CHROMIUM, chromium

    if not Path(CHROMIUM).exists():
        reason = "需要 Debian 的 chromium：apt-get install chromium（scripts/test.sh 会安装）"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    with chromium() as instance:
        yield instance


# Fixtures that make a test belong to a marked group, so no test has to remember its marker.
_MARKED_BY_FIXTURE = {"browser": "browser", "shipped_site": "slow", "served": "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, marker in _MARKED_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)
