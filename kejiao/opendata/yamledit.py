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
    read_back: Callable[[str], dict[str, Any] | None],
    rewrite: Callable[[], str],
    dumper: type[yaml.SafeDumper],
) -> Edit:
    """`old_values`/`new_values` are the complete records (every field, defaults included) before
    and after; `read_back` gives the complete record of an edited text (None if it is invalid);
    `rewrite` the whole file written anew."""
    old_flat, new_flat = flatten(old_values), flatten(new_values)
    changed = [p for p in dict.fromkeys([*old_flat, *new_flat]) if old_flat.get(p, _MISSING) != new_flat.get(p, _MISSING)]  # fmt: skip
    names = [".".join(map(str, p)) for p in changed]
    if not changed:
        return Edit(old_text, [])
    try:
        nodes = _scalar_nodes(yaml.compose(old_text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        nodes = {}
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
            splices = None
            break
        splices.append((node.start_mark.index, node.end_mark.index, replacement))
    if splices is not None:
        text = old_text
        for start, end, replacement in sorted(splices, reverse=True):
            text = text[:start] + replacement + text[end:]
        if read_back(text) == new_values:
            return Edit(text, names)
    lines = comment_lines(old_text)
    if lines:
        shown = "、".join(map(str, lines[:5])) + ("…" if len(lines) > 5 else "")
        return Edit(
            None,
            names,
            f"文件第 {shown} 行有注释；这次的改动（{'、'.join(names[:6])}）需要整个文件重写，"
            "会丢失这些注释。请直接编辑这个 YAML 文件，或删去注释后再导入",
        )
    return Edit(rewrite(), names)


class _Missing:
    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "<missing>"


_MISSING = _Missing()
