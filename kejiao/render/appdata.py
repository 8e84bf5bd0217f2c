"""Data for the browser tools (partner-base finder, recommendations, shortlist, upcoming dates):
one compact JSON of every published record, and the division table with approximate centres.
Loaded only by the pages that use it."""

from __future__ import annotations

import json
from typing import Any

from .. import regions
from ..catalogue import Catalogue
from ..content import Entry
from ..kinds import KINDS
from ..models import Base, Competition, Course, Expert, TopicList

RECORDS_PATH = "app/records.json"
DIVISIONS_PATH = "app/divisions.json"


def _grades(g: Any) -> list[int] | None:
    return [g.start, g.end] if g is not None else None


def _record(entry: Entry, catalogue: Catalogue, kinds: list[str]) -> dict[str, Any]:
    m = entry.model
    grades = getattr(m, "grades", None)
    out: dict[str, Any] = {
        "k": kinds.index(entry.kind.name), "id": entry.id, "t": m.display_title,
        "g": _grades(grades), "st": [s.value for s in grades.derived_stages()] if grades else [],
        "f": [f.value for f in getattr(m, "fields", [])],
    }  # fmt: skip
    if m.example:
        out["ex"] = 1
    if isinstance(m, Course):
        out.update(r=m.region, b=m.base, mo=m.mode.value, c=m.cost.type.value, h=m.hours,
                   ty=m.course_type.value, bk=m.booking.url or m.booking.phone)  # fmt: skip
    elif isinstance(m, Base):
        point = (
            (m.coordinates.lat, m.coordinates.lon) if m.coordinates else regions.centre(m.region)
        )
        courses = sorted(catalogue.referrers(entry, "course"), key=lambda e: e.id)
        out.update(
            r=m.region, sv=[s.value for s in m.services], ad=m.address,
            od=[[d.date.isoformat(), (d.end_date or d.date).isoformat(), d.title] for d in m.open_days],
            cs=[[c.id, c.model.display_title] for c in courses],
            bk=(m.booking.url or m.booking.phone) if m.booking else m.website,
        )  # fmt: skip
        if point:
            out["ll"] = [round(point[0], 5), round(point[1], 5)]
            if not m.coordinates:
                out["ap"] = 1  # approximate: the centre of the base's district
    elif isinstance(m, Expert):
        out.update(
            rs=list(m.regions), af=m.affiliation, ti=m.title, fm=[f.value for f in m.formats]
        )
    elif isinstance(m, TopicList):
        out.update(
            r=m.region, v=[m.valid.start.isoformat(), m.valid.end.isoformat()], iss=m.issuer,
            it=[[i.title, i.speaker, i.field.value, _grades(i.grades), i.duration] for i in m.items],
        )  # fmt: skip
        out["st"] = sorted({s.value for i in m.items for s in i.grades.derived_stages()})
    elif isinstance(m, Competition):
        out.update(
            st=[s.value for s in m.stages], wl=(m.whitelist.cycle or "是") if m.whitelist else None,
            lv=m.level.value,
            ed=[
                [e.name,
                 e.registration.start.isoformat() if e.registration else None,
                 e.registration.end.isoformat() if e.registration else None,
                 e.event.start.isoformat() if e.event else None,
                 e.event.end.isoformat() if e.event else None]
                for e in m.editions
            ],
        )  # fmt: skip
    return {k: v for k, v in out.items() if v not in (None, [], "")}


def app_records(catalogue: Catalogue, ordered: dict[str, list[Entry]]) -> str:
    kinds = list(KINDS)
    payload = {
        "kinds": [[k.folder, k.label] for k in KINDS.values()],
        "records": [_record(e, catalogue, kinds) for name in kinds for e in ordered[name]],
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"


def app_divisions() -> str:
    table = {}
    for code, division in regions.table().items():
        point = regions.centre(code)
        table[code] = [division.name, division.parent, *(point or [])]
    return json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n"
