"""The collector policy: bulk work pauses the collector and restores it; a command whose process
exits right after freezes what it built instead of letting the collector walk it once more."""

from __future__ import annotations

import gc

import pytest

from kejiao import cli
from kejiao.gcpolicy import bulk_work


@pytest.fixture
def collector():  # type: ignore[no-untyped-def]
    was = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()
    if not was:
        gc.disable()


def test_bulk_work_pauses_the_collector_and_restores_it(collector) -> None:
    frozen = gc.get_freeze_count()
    with bulk_work():
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # in-process callers (tests, serve) keep collecting


def test_work_before_the_process_ends_is_frozen_not_walked(collector) -> None:
    frozen = gc.get_freeze_count()
    with bulk_work(process_ends=True):
        built = [[n] for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(built)


def test_only_the_program_entry_point_says_the_process_ends(monkeypatch) -> None:
    seen = []
    monkeypatch.setattr(cli, "main", lambda **kwargs: seen.append(kwargs) or 0)
    with pytest.raises(SystemExit):
        cli.run()
    assert seen == [{"process_ends": True}]
