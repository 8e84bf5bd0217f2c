"""The content check split over forked processes (pipeline._check_all) finds exactly what the check
in one process finds: the same diagnostics, the same records with the same values, the same order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kejiao import ordering, pipeline
from kejiao.catalogue import Catalogue
from kejiao.diagnostics import Diagnostic
from kejiao.pipeline import check

from .conftest import ROOT, TODAY

CASES = sorted(p for p in (ROOT / "tests" / "cases").iterdir() if p.is_dir())


def _checked(root: Path, workers: int) -> tuple[Catalogue, list[Diagnostic]]:
    ordering._PINYIN.clear()  # each way learns the titles' pinyin on its own
    return check(root / "content", root=root, today=TODAY, workers=workers)


def _summary(catalogue: Catalogue) -> list[tuple[str, str, dict, object, bool]]:
    return [
        (e.kind.name, e.id, e.model.model_dump(mode="json"), e.doc.data, e.published)
        for e in catalogue.all()
    ]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "CHUNK", 7)  # many chunks, several workers for each


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("workers", [2, 3])
def test_shipped_content_checks_the_same_in_several_processes(workers: int) -> None:
    one, one_diagnostics = _checked(ROOT, 1)
    several, several_diagnostics = _checked(ROOT, workers)
    assert several_diagnostics == one_diagnostics
    assert _summary(several) == _summary(one)
    assert sum(several.counts().values()) > 50
    assert {(r.source.id, r.kind, r.id) for refs in several.incoming.values() for r in refs} == {
        (r.source.id, r.kind, r.id) for refs in one.incoming.values() for r in refs
    }


@pytest.mark.usefixtures("small_chunks")
def test_every_bad_input_is_reported_the_same_in_several_processes() -> None:
    for case in CASES:
        one, one_diagnostics = _checked(case, 1)
        several, several_diagnostics = _checked(case, 2)
        assert [d.format() for d in several_diagnostics] == [d.format() for d in one_diagnostics]
        assert _summary(several) == _summary(one), case.name


@pytest.mark.usefixtures("small_chunks")
def test_the_workers_hand_back_the_titles_pinyin(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sort keys come from the check's processes, so sorting converts no title again here."""
    catalogue, _ = _checked(ROOT, 2)
    converted: list[str] = []
    convert = ordering.lazy_pinyin
    monkeypatch.setattr(
        ordering, "lazy_pinyin", lambda *a, **k: converted.append(a[0]) or convert(*a, **k)
    )
    keys = [ordering.sort_key(e) for e in catalogue.all()]
    assert converted == []
    ordering._PINYIN.clear()
    assert [ordering.sort_key(e) for e in catalogue.all()] == keys


def test_enough_files_are_checked_in_several_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    forks: list[int] = []
    fork = pipeline.fork_workers
    monkeypatch.setattr(pipeline, "fork_workers", lambda n, *a: forks.append(n) or fork(n, *a))
    monkeypatch.setattr(pipeline, "cores", lambda: 2)
    check(ROOT / "content", root=ROOT, today=TODAY)
    assert forks == []  # the shipped content is too small to be worth a process
    monkeypatch.setattr(pipeline, "FILES_PER_WORKER", 10)
    check(ROOT / "content", root=ROOT, today=TODAY)
    assert forks == [1]  # one forked worker beside this process


def test_a_failure_in_a_worker_is_raised_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception while checking in a worker is not lost (nor is the build hung)."""
    real, parent = pipeline.check_record, os.getpid()

    def failing(entry, sink):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            raise RuntimeError(f"boom in a worker: {entry.id}")
        real(entry, sink)

    monkeypatch.setattr(pipeline, "check_record", failing)
    with pytest.raises(RuntimeError, match="boom in a worker"):
        check(ROOT / "content", root=ROOT, today=TODAY, workers=2)
