"""What a pull request changes, record by record and field by field, in Chinese: the job summary
a maintainer reads before merging. Compares the content folder at two git revisions."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from .errors import UsageError
from .kinds import BY_FOLDER, Kind
from .opendata.columns import columns
from .yamlsafe import YamlError, decode, parse


@dataclass
class RecordChange:
    status: str  # "added", "modified", "removed"
    kind_label: str
    id: str
    path: str
    title: str
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)  # (label, before, after)
    problem: str = ""  # why a version of the file cannot be read; then no fields are compared


@dataclass
class Version:
    data: dict[str, Any] | None  # None: the file is absent at that revision or cannot be read
    problem: str = ""


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


def _load(root: Path, rev: str, path: str) -> Version:
    try:
        raw = subprocess.run(
            ["git", "show", f"{rev}:{path}"], cwd=root, capture_output=True, check=True
        ).stdout
    except subprocess.CalledProcessError:
        return Version(None, f"{rev} 中没有这个文件")
    try:
        data = parse(decode(raw)).data
    except YamlError as exc:
        first = exc.problems[0]
        return Version(None, f"第 {first.line} 行：{first.message}")
    if not isinstance(data, dict):
        return Version(None, "文件内容不是一条记录（应为“字段: 值”的形式）")
    return Version(data)


def _complete(kind: Kind, data: dict[str, Any]) -> dict[str, Any]:
    """The record with every default filled in, so that writing out a default (or leaving it
    out) is no change; a record the model rejects is compared as written."""
    try:
        return kind.model.model_validate(data).model_dump(mode="json", by_alias=True)
    except (ValidationError, ValueError, TypeError):
        return data


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


def _kind(path: str) -> Kind | None:
    parts = PurePosixPath(path).parts
    if len(parts) >= 3 and parts[1] in BY_FOLDER and path.endswith(".yml"):
        return BY_FOLDER[parts[1]]
    return None


def label(kind: Kind, path: str) -> str:
    """A field as the spreadsheet's Chinese header names it, the YAML key after it."""
    plain = re.sub(r"\.\d+", "", path)
    best = max(
        (c for c in columns(kind.name) if plain == c.path or plain.startswith(c.path + ".")),
        key=lambda c: len(c.path),
        default=None,
    )
    return f"{best.header}（`{path}`）" if best else f"`{path}`"


@dataclass
class Changes:
    records: list[RecordChange]
    unchanged: list[str]  # files changed in git whose records read the same (format, comments)


def changes(
    root: Path, base: str, head: str = "HEAD", content: str = "content"
) -> list[RecordChange]:
    return compare(root, base, head, content).records


def compare(root: Path, base: str, head: str = "HEAD", content: str = "content") -> Changes:
    out: list[RecordChange] = []
    unchanged: list[str] = []
    listing = _git(root, "diff", "--name-status", "--no-renames", base, head, "--", content)
    for line in listing.splitlines():
        status, path = line.split("\t", 1)
        kind = _kind(path)
        if kind is None:
            continue
        id_ = PurePosixPath(path).stem
        before = _load(root, base, path) if status != "A" else Version(None)
        after = _load(root, head, path) if status != "D" else Version(None)
        record = after.data or before.data or {}
        title = str(record.get(kind.model.title_field) or record.get("title") or id_)
        if status == "A":
            problem = (
                f"新文件无法读取（{after.problem}）；请运行 python build.py validate"
                if after.problem
                else ""
            )
            out.append(RecordChange("added", kind.label, id_, path, title, problem=problem))
        elif status == "D":
            out.append(RecordChange("removed", kind.label, id_, path, title))
        elif before.data is None or after.data is None:
            problem = (
                f"新版本无法读取（{after.problem}），字段没有比较；请运行 python build.py validate"
                if after.data is None
                else f"旧版本无法读取（{before.problem}），字段没有比较"
            )
            out.append(RecordChange("modified", kind.label, id_, path, title, problem=problem))
        else:
            old = _flatten(_complete(kind, before.data))
            new = _flatten(_complete(kind, after.data))
            diffs = [
                (label(kind, k), old.get(k), new.get(k))
                for k in dict.fromkeys([*old, *new])
                if old.get(k) != new.get(k)
            ]
            if diffs:
                out.append(RecordChange("modified", kind.label, id_, path, title, diffs))
            else:
                unchanged.append(path)
    out.sort(key=lambda c: (["added", "modified", "removed"].index(c.status), c.path))
    return Changes(out, sorted(unchanged))


def _show(value: Any) -> str:
    if value is None:
        return "（无）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        value = "、".join(map(str, value))
    text = str(value).replace("\n", " ").replace("|", "｜")
    return text if len(text) <= 80 else text[:79] + "…"


def markdown(items: list[RecordChange] | Changes, base: str, head: str) -> str:
    found = items if isinstance(items, Changes) else Changes(items, [])
    records = found.records
    note = (
        [f"另有 {len(found.unchanged)} 个文件只改了格式或注释，记录内容不变。"]
        if found.unchanged
        else []
    )
    if not records:
        return "\n".join(["## 记录变更", "", f"{base}..{head} 没有修改任何记录。", *note]) + "\n"
    counts = {s: sum(1 for c in records if c.status == s) for s in ("added", "modified", "removed")}
    lines = [
        "## 记录变更",
        "",
        f"新增 {counts['added']} 条，修改 {counts['modified']} 条，删除 {counts['removed']} 条（{base}..{head}）。",
        *note,
    ]
    for status, heading in (("added", "新增"), ("modified", "修改"), ("removed", "删除")):
        group = [c for c in records if c.status == status]
        if not group:
            continue
        lines += ["", f"### {heading}", ""]
        for c in group:
            lines.append(f"- **{c.kind_label}** {_show(c.title)}（`{c.path}`）")
            if c.problem:
                lines.append(f"  - 注意：{c.problem}")
            for name, old, new in c.fields:
                lines.append(f"  - {name}：{_show(old)} → {_show(new)}")
    return "\n".join(lines) + "\n"
