"""Updating a record file from a spreadsheet row without losing what the file says beyond its values.

A maintainer's file carries comments, fields written out although they equal the default, a quoting
style and a trailing newline. `import --update` therefore never rewrites a file whose values did not
change, and when values did change it edits only those values in the YAML text (their exact spans,
found with PyYAML's composer), checking afterwards that the edited file reads back as the row says.
Only a change of structure (a field added or removed, a list grown or shrunk, multi-line text) needs
the whole file written anew; that is refused when the file has comments, with a message naming them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


@dataclass
class Edit:
    text: str | None  # the new file text; None when the file cannot be updated (see `problem`)
    changed: list[str]  # dotted paths of the fields whose values change
    problem: str = ""


def flatten(value: Any, path: Path_ = ()) -> dict[Path_, Any]:
    """Leaf values by path; lists are walked item by item, empty containers are leaves."""
    if isinstance(value, dict) and value:
        out: dict[Path_, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, (*path, key)))
        return out
    if isinstance(value, list) and value:
        out = {}
        for index, item in enumerate(value):
            out.update(flatten(item, (*path, index)))
        return out
    return {path: value}


def _scalar_nodes(node: yaml.Node, path: Path_ = ()) -> dict[Path_, yaml.Node]:
    out: dict[Path_, yaml.Node] = {path: node}
    if isinstance(node, yaml.MappingNode):
        for key, item in node.value:
            out.update(_scalar_nodes(item, (*path, key.value)))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            out.update(_scalar_nodes(item, (*path, index)))
    return out


def comment_lines(text: str) -> list[int]:
    """Line numbers (1-based) holding a comment, the first line's schema modeline excepted."""
    spans = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                spans.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        return []
    lines = []
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        at = line.find("#")
        while at != -1:
            index = offset + at
            inside = any(start <= index < end for start, end in spans)
            if not inside and (at == 0 or line[at - 1] in " \t"):
                if not (number == 1 and "yaml-language-server" in line):
                    lines.append(number)
                break
            at = line.find("#", at + 1)
        offset += len(line)
    return lines


def _inline(value: Any, dumper: type[yaml.SafeDumper]) -> str | None:
    """`value` as a one-line YAML scalar, or None when it cannot be one."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        return None
    if not isinstance(value, str | int | float | bool | dt.date) or value is None:
        return None
    text = yaml.dump(value, Dumper=dumper, allow_unicode=True, width=10**9)
    text = text.removesuffix("\n...\n").removesuffix("\n")
    return None if "\n" in text else text


def update(
    old_text: str,
    old_values: dict[str, Any],
    new_values: dict[str, Any],
    *,
    written: dict[str, Any],
    order: list[str],
    read_back: Callable[[str], dict[str, Any] | None],
    rewrite: Callable[[], str],
    dumper: type[yaml.SafeDumper],
) -> Edit:
    """`old_values`/`new_values` are the complete records (every field, defaults included) before
    and after; `written` the new record as a file writes it (no defaults), its top-level keys in
    `order`; `read_back` gives the complete record of an edited text (None if it is invalid);
    `rewrite` the whole file written anew. Tried in turn: new values in place of the old ones;
    whole top-level fields replaced, added or removed; the whole file (refused if it has comments).
    An edit is kept only if the edited text reads back as exactly the new record."""
    old_flat, new_flat = flatten(old_values), flatten(new_values)
    changed = [p for p in dict.fromkeys([*old_flat, *new_flat]) if old_flat.get(p, _MISSING) != new_flat.get(p, _MISSING)]  # fmt: skip
    names = [".".join(map(str, p)) for p in changed]
    if not changed:
        return Edit(old_text, [])
    try:
        root = yaml.compose(old_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        root = None
    comments = comment_lines(old_text)
    if isinstance(root, yaml.MappingNode):
        for attempt in (
            _splice_values(old_text, root, changed, old_flat, new_flat, dumper),
            _edit_fields(old_text, root, old_values, new_values, written, order, comments, dumper),
        ):
            if attempt is not None and read_back(attempt) == new_values:
                return Edit(attempt, names)
    if comments:
        shown = "、".join(map(str, comments[:5])) + ("…" if len(comments) > 5 else "")
        return Edit(
            None,
            names,
            f"文件第 {shown} 行有注释；这次的改动（{'、'.join(names[:6])}）需要整个文件重写，"
            "会丢失这些注释。请直接编辑这个 YAML 文件，或删去注释后再导入",
        )
    return Edit(rewrite(), names)


def _splice_values(
    text: str,
    root: yaml.MappingNode,
    changed: list[Path_],
    old_flat: dict[Path_, Any],
    new_flat: dict[Path_, Any],
    dumper: type[yaml.SafeDumper],
) -> str | None:
    """Each changed value written over the old one, when every change is one scalar for another."""
    nodes = _scalar_nodes(root)
    splices = []
    for path in changed:
        node = nodes.get(path)
        new = new_flat.get(path, _MISSING)
        replacement = None if new is _MISSING else _inline(new, dumper)
        if (
            not isinstance(node, yaml.ScalarNode)
            or node.style in ("|", ">")
            or replacement is None
            or path not in old_flat
        ):
            return None
        splices.append((node.start_mark.index, node.end_mark.index, replacement))
    for start, end, replacement in sorted(splices, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _blocks(text: str, root: yaml.MappingNode) -> dict[str, tuple[int, int]]:
    """Each top-level field's text as whole lines (start, end); comment and blank lines that
    follow a field belong to the next one, so they are not part of it."""
    out: dict[str, tuple[int, int]] = {}
    for key, value in root.value:
        start = text.rfind("\n", 0, key.start_mark.index) + 1
        end = value.end_mark.index
        if end > 0 and text[end - 1] != "\n":  # a value ending inside its line: take the line
            newline = text.find("\n", end)
            end = len(text) if newline == -1 else newline + 1
        lines = text[start:end].splitlines(keepends=True)
        while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
            lines.pop()
        out[str(key.value)] = (start, start + sum(map(len, lines)))
    return out


def _edit_fields(
    text: str,
    root: yaml.MappingNode,
    old_values: dict[str, Any],
    new_values: dict[str, Any],
    written: dict[str, Any],
    order: list[str],
    comments: list[int],
    dumper: type[yaml.SafeDumper],
) -> str | None:
    """Every changed top-level field written anew in its place (or added after the field before
    it, or removed); None if that would drop a comment."""
    blocks = _blocks(text, root)
    edits: list[tuple[int, int, int, str]] = []  # (start, end, order, replacement)
    for rank, key in enumerate(order):
        if old_values.get(key) == new_values.get(key):
            continue
        new_block = ""
        if key in written:
            new_block = yaml.dump(
                {key: written[key]}, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100
            )
        if key in blocks:
            start, end = blocks[key]
            first = text.count("\n", 0, start) + 1
            last = text.count("\n", 0, max(end - 1, start)) + 1
            if any(first <= line <= last for line in comments):
                return None
            if not text[start:end].endswith("\n"):
                new_block = new_block.removesuffix("\n")
            edits.append((start, end, rank, new_block))
        elif new_block:
            before = [blocks[k][1] for k in order[:rank] if k in blocks]
            after = [blocks[k][0] for k in order[rank + 1 :] if k in blocks]
            at = max(before) if before else (min(after) if after else len(text))
            if at and text[at - 1] != "\n":
                new_block = "\n" + new_block
            edits.append((at, at, rank, new_block))
    for start, end, _, replacement in sorted(edits, key=lambda e: (e[0], e[2]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


class _Missing:
    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "<missing>"


_MISSING = _Missing()
