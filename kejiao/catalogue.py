"""The resolved catalogue: published records by kind, references checked, relations both ways."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .content import Entry
from .diagnostics import DiagnosticSink
from .kinds import KINDS
from .models.common import ID_PATTERN

_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Ref:
    """A reference from one record (at `path` in its file) to another by id."""

    source: Entry
    path: tuple
    kind: str
    id: str


def _walk(value: Any, pattern: tuple[str, ...], path: tuple) -> Iterator[tuple[tuple, Any]]:
    if not pattern:
        yield path, value
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, rest, (*path, index))
    elif isinstance(value, dict) and head in value:
        yield from _walk(value[head], rest, (*path, head))


def references(entry: Entry) -> Iterator[Ref]:
    """References written in the file, read from the YAML itself so that they are checked even
    when other fields of the record are invalid."""
    data = entry.doc.data if entry.doc is not None else None
    for pattern, kind in entry.kind.references:
        for path, value in _walk(data, pattern, ()):
            if isinstance(value, str) and _ID.fullmatch(value):
                yield Ref(entry, path, kind, value)


@dataclass
class Catalogue:
    records: dict[str, dict[str, Entry]] = field(
        default_factory=lambda: {name: {} for name in KINDS}
    )
    # (kind, id) of a target → the references pointing at it
    incoming: dict[tuple[str, str], list[Ref]] = field(default_factory=lambda: defaultdict(list))

    def get(self, kind: str, id_: str) -> Entry | None:
        return self.records[kind].get(id_)

    def all(self) -> Iterator[Entry]:
        for by_id in self.records.values():
            yield from by_id.values()

    def referrers(self, target: Entry, kind: str) -> list[Entry]:
        """Records of `kind` that reference `target`, each once, in file order."""
        seen: dict[str, Entry] = {}
        for ref in self.incoming.get((target.kind.name, target.id), []):
            if ref.source.kind.name == kind:
                seen.setdefault(ref.source.id, ref.source)
        return list(seen.values())

    def counts(self) -> dict[str, int]:
        return {kind: len(by_id) for kind, by_id in self.records.items()}


def resolve(entries: list[Entry], sink: DiagnosticSink, include_examples: bool = True) -> Catalogue:
    """Check ids and references across records and index the relations. Without
    `include_examples`, demo records (example: true) are left out here, the one place, and a real
    record that refers to one is an error."""
    catalogue = Catalogue()
    demos = set() if include_examples else {
        (e.kind.name, e.id) for e in entries if e.model is not None and e.model.example
    }  # fmt: skip
    first_seen: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        key = (entry.kind.name, entry.id)
        if key in first_seen:
            sink.error(
                entry.shown,
                1,
                1,
                "",
                f"编号 {entry.id} 重复：{first_seen[key].shown} 也用了这个文件名 (duplicate id)",
            )
            continue
        first_seen[key] = entry
    valid = {(e.kind.name, e.id): e for e in entries if e.model is not None}
    known = set(first_seen)
    for entry in entries:
        if entry.model is None or first_seen.get((entry.kind.name, entry.id)) is not entry:
            continue
        if not entry.kind.publishable(entry.model) or (entry.kind.name, entry.id) in demos:
            entry.published = False
            continue
        catalogue.records[entry.kind.name][entry.id] = entry
    for entry in entries:
        if entry.doc is None or first_seen.get((entry.kind.name, entry.id)) is not entry:
            continue
        if (entry.kind.name, entry.id) in demos:
            continue  # not published: its references lead nowhere
        for ref in references(entry):
            target = valid.get((ref.kind, ref.id))
            line, column = 1, 1
            if (ref.kind, ref.id) not in known or (target is not None and not target.published):
                line, column, *_ = entry.locate(ref.path)  # only for a message: may read again
            label = KINDS[ref.kind].label
            where = f"content/{KINDS[ref.kind].folder}/{ref.id}.yml"
            field_name = ".".join(map(str, ref.path))
            if (ref.kind, ref.id) in demos:
                sink.error(
                    entry.shown,
                    line,
                    column,
                    field_name,
                    f"引用的{label} {ref.id} 是示例记录（{where} 中 example: true），而 mkdocs.yml 设置了 "
                    "include_examples: false，示例不会发布：请删除这个引用，或把该记录改为真实记录",
                )
            elif (ref.kind, ref.id) not in known:
                sink.error(
                    entry.shown,
                    line,
                    column,
                    field_name,
                    f"引用的{label} {ref.id} 不存在（没有 {where}）"
                    + _did_you_mean(ref.id, [i for k, i in known if k == ref.kind])
                    + " (dangling reference)",
                )
            elif target is not None and not target.published:
                sink.warning(
                    entry.shown,
                    line,
                    column,
                    field_name,
                    f"引用的{label} {ref.id} 没有同意公开记录，不会发布；此处不显示该引用",
                )
            elif target is not None and entry.published and entry.model is not None:
                catalogue.incoming[(ref.kind, ref.id)].append(ref)
    return catalogue


def _did_you_mean(word: str, ids: list[str]) -> str:
    """The closest existing id as "；是否为 x？", or an empty string."""
    import difflib

    close = difflib.get_close_matches(word, ids, n=1, cutoff=0.6)
    return f"；是否为 {close[0]}？" if close else ""
