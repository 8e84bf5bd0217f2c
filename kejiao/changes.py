"""What a pull request changes, record by record and field by field, in Chinese: the job summary
a maintainer reads before merging. Compares the content folder at two git revisions."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import UsageError
from .kinds import BY_FOLDER
from .yamlsafe import YamlError, decode, parse


@dataclass
class RecordChange:
    status: str  # "added", "modified", "removed"
    kind_label: str
    id: str
    path: str
    title: str
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)  # (path, before, after)


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=True)
    except FileNotFoundError as exc:
        raise UsageError("需要 git") from exc
    except subprocess.CalledProcessError as exc:
        raise UsageError(
            f"git {' '.join(args)} 失败：{exc.stderr.decode('utf-8', 'replace').strip()}"
        ) from exc
    return result.stdout.decode("utf-8")


def _load(root: Path, rev: str, path: str) -> dict[str, Any] | None:
    try:
        raw = subprocess.run(
            ["git", "show", f"{rev}:{path}"], cwd=root, capture_output=True, check=True
        ).stdout
        data = parse(decode(raw)).data
    except (subprocess.CalledProcessError, YamlError):
        return None
    return data if isinstance(data, dict) else None


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{prefix}{key}."))
        return out
    if isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
        out = {}
        for index, item in enumerate(value):
            out.update(_flatten(item, f"{prefix}{index}."))
        return out
    return {prefix.rstrip("."): value}


def _kind(path: str) -> tuple[str, str] | None:
    parts = PurePosixPath(path).parts
    if len(parts) >= 3 and parts[1] in BY_FOLDER and path.endswith(".yml"):
        return BY_FOLDER[parts[1]].label, PurePosixPath(path).stem
    return None


def changes(
    root: Path, base: str, head: str = "HEAD", content: str = "content"
) -> list[RecordChange]:
    out: list[RecordChange] = []
    listing = _git(root, "diff", "--name-status", "--no-renames", base, head, "--", content)
    for line in listing.splitlines():
        status, path = line.split("\t", 1)
        kind = _kind(path)
        if kind is None:
            continue
        before = _load(root, base, path) if status != "A" else None
        after = _load(root, head, path) if status != "D" else None
        record = after or before or {}
        title = str(record.get("title") or record.get("name") or kind[1])
        if status == "A":
            out.append(RecordChange("added", kind[0], kind[1], path, title))
        elif status == "D":
            out.append(RecordChange("removed", kind[0], kind[1], path, title))
        else:
            old, new = _flatten(before or {}), _flatten(after or {})
            diffs = [
                (k, old.get(k), new.get(k))
                for k in sorted(old.keys() | new.keys())
                if old.get(k) != new.get(k)
            ]
            out.append(RecordChange("modified", kind[0], kind[1], path, title, diffs))
    return sorted(out, key=lambda c: (["added", "modified", "removed"].index(c.status), c.path))


def _show(value: Any) -> str:
    if value is None:
        return "（无）"
    if isinstance(value, list):
        value = "、".join(map(str, value))
    text = str(value).replace("\n", " ").replace("|", "｜")
    return text if len(text) <= 80 else text[:79] + "…"


def markdown(items: list[RecordChange], base: str, head: str) -> str:
    if not items:
        return f"## 记录变更\n\n{base}..{head} 没有修改任何记录。\n"
    counts = {s: sum(1 for c in items if c.status == s) for s in ("added", "modified", "removed")}
    lines = [
        "## 记录变更",
        "",
        f"新增 {counts['added']} 条，修改 {counts['modified']} 条，删除 {counts['removed']} 条（{base}..{head}）。",
    ]
    for status, heading in (("added", "新增"), ("modified", "修改"), ("removed", "删除")):
        group = [c for c in items if c.status == status]
        if not group:
            continue
        lines += ["", f"### {heading}", ""]
        for c in group:
            lines.append(f"- **{c.kind_label}** {_show(c.title)}（`{c.path}`）")
            for path, old, new in c.fields:
                lines.append(f"  - `{path}`：{_show(old)} → {_show(new)}")
    return "\n".join(lines) + "\n"
