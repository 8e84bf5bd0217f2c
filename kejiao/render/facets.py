"""Facets of the list pages: what each row carries as data attributes and the facet definitions the
browser script turns into filters with counts. The list itself is plain HTML, readable without
JavaScript; filtering, counting and status by today's date happen in the browser."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .. import regions
from ..kinds.parts import UNKNOWN, UNKNOWN_LABEL

if TYPE_CHECKING:
    from ..content import Entry
    from ..kinds import Kind


def _span(windows: list[tuple[Any, Any]]) -> str:
    return " ".join(f"{a.isoformat()}/{b.isoformat()}" for a, b in windows)


def row_attributes(entry: Entry) -> dict[str, str]:
    """data-* attributes of one list row (values joined by "|", windows by spaces). A facet the
    record leaves empty carries UNKNOWN (kinds/parts.py): unknown is not "no" — the browser keeps
    such rows in the results, after the known matches, labelled 未注明, and the facet offers 未注明
    as a choice of its own. A row may also be partly unknown ("天文与航天|?": a topic list some of
    whose items leave the field empty): it matches its known values, and stays as 未注明 for others."""
    m = entry.model
    facets = entry.kind.facet_values(entry)  # the kind's own values come first
    values = dict(facets.values)
    grades = getattr(m, "grades", None)
    if grades is not None:
        values.setdefault("stage", grades.derived_stages())
        values["grade"] = [f"{grades.start}-{grades.end}"]
    attrs = {
        f"data-f-{key}": "|".join(str(v) for v in vals) for key, vals in values.items() if vals
    }
    for facet in entry.kind.facets:
        if facet.kind != "status":
            attrs.setdefault(f"data-f-{facet.key}", UNKNOWN)
    if facets.windows:
        attrs["data-windows"] = _span(facets.windows)
    if facets.date is not None:
        attrs["data-date"] = facets.date.isoformat()
    if facets.point:
        attrs["data-ll"] = f"{facets.point[0]:.4f},{facets.point[1]:.4f}"
    return attrs


def facet_config(kind: Kind, entries: list[Entry], attributes: list[dict[str, str]]) -> Markup:
    """The facet definitions, with names for every division code the rows use (`attributes` are
    the rows' row_attributes, already computed for the list), as a JSON block."""
    facets = []
    for facet in kind.facets:
        values = list(facet.values_for(entries))
        if facet.kind == "status":  # a row without any date window: its status is 未注明
            unknown = facet.undated_unknown and any("data-windows" not in a for a in attributes)
        else:  # a row may be partly unknown ("A|?": some of a list's items leave the field empty)
            unknown = any(
                UNKNOWN in attrs.get(f"data-f-{facet.key}", "").split("|") for attrs in attributes
            )
        if unknown:
            values.append((UNKNOWN, f"{facet.label}{UNKNOWN_LABEL}"))
        facets.append(
            {"key": facet.key, "label": facet.label, "kind": facet.kind, "values": values}
        )
    codes: dict[str, list[Any]] = {}
    for attrs in attributes:
        for code in attrs.get("data-f-region", "").split("|"):
            division = regions.lookup(code) if code else None
            if division:
                codes[code] = [division.name, division.parent]
    payload = {
        "facets": facets,
        "regions": dict(sorted(codes.items())),
        "dateSort": kind.date_sort,
        "distanceSort": kind.distance_sort,
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/json" id="kj-facets">{text}</script>')
