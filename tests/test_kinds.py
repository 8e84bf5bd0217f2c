"""Every kind implements the whole spec (as datasette's hookspecs test): each abstract method of
`Kind` is defined by the kind's own class, each declared attribute is set, and nothing outside
kejiao/kinds/ branches on a kind's name."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from kejiao.kinds import BY_FOLDER, KINDS, Kind, kind_named
from kejiao.kinds.spec import Kind as Spec

ROOT = Path(__file__).resolve().parents[1]
ABSTRACT = sorted(Spec.__abstractmethods__)
# Annotations are strings here (postponed evaluation): the declared attributes are the ClassVars.
DECLARED = [name for name, hint in Spec.__annotations__.items() if hint.startswith("ClassVar")]


def test_the_spec_is_not_empty() -> None:
    assert {"related", "jsonld", "facet_values", "app_record", "search_keywords"} <= set(ABSTRACT)
    assert {"name", "folder", "label", "model", "intro", "facets", "tables"} <= set(DECLARED)


@pytest.mark.parametrize("kind", KINDS.values(), ids=list(KINDS))
def test_every_kind_implements_the_whole_spec(kind: Kind) -> None:
    own = type(kind).__dict__
    missing = [name for name in ABSTRACT if name not in own]
    assert missing == [], f"{kind.name} does not implement {missing}"
    unset = [name for name in DECLARED if not hasattr(kind, name)]
    assert unset == [], f"{kind.name} does not declare {unset}"
    for name in ABSTRACT:  # the same parameters as the spec, so callers can rely on them
        spec = list(inspect.signature(getattr(Spec, name)).parameters)
        assert list(inspect.signature(own[name]).parameters) == spec, (kind.name, name)


def test_kind_names_folders_and_tables_are_unique() -> None:
    assert len(BY_FOLDER) == len(KINDS)
    tables = [t.name for k in KINDS.values() for t in k.tables]
    assert len(tables) == len(set(tables))
    assert kind_named("topic-lists") is kind_named("topic_list") is KINDS["topic_list"]


def test_references_point_at_kinds() -> None:
    for kind in KINDS.values():
        for _, target in kind.references:
            assert target in KINDS, (kind.name, target)


# Outside the kinds, no module may branch on a kind's name: no `== "course"`, no
# `isinstance(x, Course)`, no table keyed by kind names. Looking records up by kind for a policy
# indicator (records["course"]) is not branching; the statistics are listed where they still do.
_BRANCH = re.compile(
    r"""(==|!=|\bin\b)\s*\(?["'](course|base|expert|topic_list|competition)["']"""
    r"""|isinstance\([^)]*\b(Course|Base|Expert|TopicList|Competition)\b"""
    r"""|^\s*["'](course|base|expert|topic_list|competition)["']\s*:""",
    re.M,
)
ALLOWED = {
    "kejiao/opendata/columns.py",  # spreadsheet headers per kind (owned by the spreadsheet work)
    "kejiao/duplicates.py",  # compares bases by coordinates
}


def test_no_module_outside_the_kinds_branches_on_a_kind_name() -> None:
    offenders = []
    # Templates too: a shared template that lists kinds by name would miss a new kind.
    for path in sorted((ROOT / "kejiao" / "templates").glob("*.html")):
        for match in _BRANCH.finditer(path.read_text(encoding="utf-8")):
            line = path.read_text(encoding="utf-8").count("\n", 0, match.start()) + 1
            offenders.append(f"{path.relative_to(ROOT).as_posix()}:{line}: {match.group(0)}")
    for path in sorted((ROOT / "kejiao").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("kejiao/kinds/") or rel.startswith("kejiao/models/") or rel in ALLOWED:
            continue
        for match in _BRANCH.finditer(path.read_text(encoding="utf-8")):
            line = path.read_text(encoding="utf-8").count("\n", 0, match.start()) + 1
            offenders.append(f"{rel}:{line}: {match.group(0).strip()}")
    assert offenders == []
