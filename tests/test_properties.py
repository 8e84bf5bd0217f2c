"""Property-based: whatever the YAML, load and validate end in a catalogue or in located record
errors, never in an uncaught exception."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kejiao.pipeline import check

from .conftest import ROOT, TODAY

pytestmark = [pytest.mark.slow]  # thousands of generated records

VALID = {
    folder: (ROOT / "tests" / "golden-catalogue" / "content" / folder).glob("*.yml")
    for folder in ("courses", "bases", "experts", "topic-lists", "competitions")
}
SAMPLES = [
    (folder, yaml.safe_load(path.read_text(encoding="utf-8")))
    for folder, paths in VALID.items()
    for path in sorted(paths)
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(
        ["110108", "no", "on", "17:00", "0101", "javascript:alert(1)", "13912345678", ""]
    ),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*path, index))
    return out


@st.composite
def mutated_records(draw: st.DrawFn) -> tuple[str, Any]:
    folder, record = draw(st.sampled_from(SAMPLES))
    record = yaml.safe_load(yaml.safe_dump(record, allow_unicode=True))  # a deep copy
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(_paths(record)))
        if not path:
            record = draw(values) if draw(st.booleans()) else record
            continue
        parent = record
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(values)
    return folder, record


def _check_one(folder: str, text: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="kejiao-prop-"))
    try:
        target = tmp / "content" / folder
        target.mkdir(parents=True)
        (target / "x.yml").write_text(text, encoding="utf-8")
        catalogue, diagnostics = check(tmp / "content", root=tmp, today=TODAY)
        errors = [d for d in diagnostics if d.severity == "error"]
        published = list(catalogue.all())
        if not errors:  # a clean file is a record (or an expert held back for want of consent)
            held_back = any("consent" in d.message for d in diagnostics)
            assert len(published) == (0 if held_back else 1)
        for d in diagnostics:
            assert (
                d.path == f"content/{folder}/x.yml" and d.line >= 1 and d.column >= 1 and d.message
            )
    finally:
        shutil.rmtree(tmp)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_records())
def test_mutated_records_end_as_records_or_located_errors(sample: tuple[str, Any]) -> None:
    folder, record = sample
    try:
        text = yaml.safe_dump(record, allow_unicode=True)
    except yaml.YAMLError:
        return
    _check_one(folder, text)


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(sorted(VALID)), st.text(max_size=400))
def test_arbitrary_text_never_crashes(folder: str, text: str) -> None:
    _check_one(folder, text)
