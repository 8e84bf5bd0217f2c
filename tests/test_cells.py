"""Cells that cannot become formulas: the rules of kejiao.cells, and the open-data CSVs that every
build publishes (issue 17.3). Export and import through spreadsheets are in test_import_files.py."""

from __future__ import annotations

import csv
import io

from kejiao.cells import neutralise, restore
from kejiao.opendata import package

PAYLOAD = '=HYPERLINK("http://evil.example/x","点此核实")'


def test_dangerous_text_gets_a_quote_and_comes_back() -> None:
    for text in ("=1+1", "+86 10", "-x", "@SUM(A1)", "\tx", "\rx", "'=x", "'abc", PAYLOAD):
        assert neutralise(text).startswith("'"), text
        assert restore(neutralise(text)) == text


def test_inert_values_are_left_alone() -> None:
    # a lone dash (a usual "none") and signed numbers are not formulas; numbers are not text
    for value in ("-", "+", "-5", "+1.5", "普通", "", -5, 3.2, None, "a=b", "1-2"):
        assert neutralise(value) == value, value
    assert restore("'abc") == "'abc"  # a quote a user typed stays
    assert restore("'-5") == "'-5"


def test_open_data_csv_cells_cannot_become_formulas() -> None:
    # the tables as the package writes them (TABLES before the kinds restructuring, all_tables after)
    table = next(iter(getattr(package, "TABLES", None) or package.all_tables()))
    names = [c.name for c in table.columns]
    text_column = next(c.name for c in table.columns if c.type == "string" and c.name != "id")
    row = {name: None for name in names} | {"id": "x", text_column: PAYLOAD}
    cells = dict(zip(names, next(csv.reader(io.StringIO(package._csv(table, [row]).splitlines()[1]))), strict=True))  # fmt: skip
    assert cells[text_column] == "'" + PAYLOAD
    assert cells["id"] == "x"
