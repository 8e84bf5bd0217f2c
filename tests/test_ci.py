"""Review and CI wiring that runs here: the pre-commit hook's entry script from a shell without the
virtualenv activated, and what the GitHub workflows run (issue 13, "Review and CI")."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import ROOT

HOOK = ROOT / "scripts" / "build-hook.sh"
CLEAN_ENV = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8"}  # no venv activated


def _repo(tmp_path: Path, *, venv: bool) -> Path:
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(HOOK, repo / "scripts" / "build-hook.sh")
    (repo / "build.py").write_text(
        "import sys\nprint('RAN', sys.executable, *sys.argv[1:])\n", encoding="utf-8"
    )
    if venv:
        (repo / ".venv" / "bin").mkdir(parents=True)
        os.symlink(sys.executable, repo / ".venv" / "bin" / "python")
    return repo


def test_hook_uses_the_project_venv_without_activation(tmp_path: Path) -> None:
    repo = _repo(tmp_path, venv=True)
    result = subprocess.run(
        ["sh", "scripts/build-hook.sh", "schemas", "--check"],
        cwd=repo, env=CLEAN_ENV, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"RAN {repo / '.venv/bin/python'} schemas --check"


def test_hook_without_an_environment_says_how_to_make_one(tmp_path: Path) -> None:
    repo = _repo(tmp_path, venv=False)
    result = subprocess.run(
        ["sh", "scripts/build-hook.sh", "validate"],
        cwd=repo, env=CLEAN_ENV, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1
    assert "python3 -m venv .venv && .venv/bin/pip install -e ." in result.stderr
    assert "Traceback" not in result.stderr and "RAN" not in result.stdout


def test_the_real_hook_runs_from_a_plain_shell() -> None:
    if not (ROOT / ".venv" / "bin" / "python").exists():  # pragma: no cover - CI makes .venv
        return
    result = subprocess.run(
        ["sh", str(HOOK), "schemas", "--check"], cwd="/", env=CLEAN_ENV, capture_output=True
    )
    assert result.returncode == 0, result.stderr.decode()


def test_local_hooks_need_no_python_on_path() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = [h for r in config["repos"] if r["repo"] == "local" for h in r["hooks"]]
    assert {h["id"] for h in local} == {"validate-content", "schemas-up-to-date"}
    for hook in local:
        assert hook["language"] == "script" and hook["entry"].startswith("scripts/build-hook.sh ")
    mode = subprocess.run(
        ["git", "ls-files", "-s", "scripts/build-hook.sh"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert mode.startswith("100755"), "scripts/build-hook.sh must be executable in git"


def _workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))


def _runs(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_pull_requests_run_the_fast_tests_and_the_schema_check() -> None:
    workflow = _workflow("pull-request.yml")
    paths = workflow[True]["pull_request"]["paths"]  # YAML 1.1 reads the key `on` as true
    assert "schemas/**" in paths and "kejiao/**" in paths and "tests/**" in paths
    runs = {step.get("run", "").strip(): step for step in _runs(workflow)}
    tests = runs['python -m pytest -q -m "not browser and not tool and not slow"']
    schemas = runs["python build.py schemas --check"]
    for step in (tests, schemas):
        assert step["if"] == "steps.changed.outputs.code == 'true'"
    assert "python build.py build --strict" in runs


def test_deploy_cannot_publish_warnings_and_offline_link_checks_open_no_issue() -> None:
    deploy = [s.get("run", "") for s in _runs(_workflow("deploy.yml"))]
    assert any("build.py build --strict" in run for run in deploy)
    steps = _runs(_workflow("links.yml"))
    issue = next(s for s in steps if "gh issue create" in s.get("run", ""))
    assert issue["if"] == "steps.check.outputs.status == '1'"
    offline = next(s for s in steps if s.get("if") == "steps.check.outputs.status == '3'")
    assert "exit 1" in offline["run"]


def test_only_records_and_prose_skip_the_tests() -> None:
    import re

    step = next(s for s in _runs(_workflow("pull-request.yml")) if s.get("id") == "changed")
    pattern = re.search(r"grep -qvE '([^']+)'", step["run"]).group(1)

    def code(*paths: str) -> bool:
        listing = "".join(p + "\n" for p in paths)
        grep = subprocess.run(["grep", "-qvE", pattern], input=listing, text=True)
        return grep.returncode == 0

    assert not code("content/bases/a.yml", "docs/guide/index.md")
    assert code("content/bases/a.yml", "schemas/base.schema.json")
    assert code("docs/assets/finder.js") and code("kejiao/cli.py") and code("pyproject.toml")
