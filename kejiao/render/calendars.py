"""iCalendar files, importable into phone calendars: one per competition (registration deadlines
and event dates of each edition) and one with every registration deadline."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from ..catalogue import Catalogue
from ..content import Entry
from ..models import Competition

DEADLINES_PATH = "calendar/deadlines.ics"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//科教资源目录//kejiao//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def _events(entry: Entry, site_url: str, stamp: dt.datetime) -> list[Event]:
    c: Competition = entry.model  # type: ignore[assignment]
    url = f"{site_url}competitions/{entry.id}/"
    events = []
    for index, edition in enumerate(c.editions):
        spans = []
        if edition.registration:
            spans.append(("deadline", f"【报名截止】{c.name}（{edition.name}）",
                          edition.registration.end, edition.registration.end))  # fmt: skip
        if edition.event:
            spans.append(
                (
                    "event",
                    f"【比赛】{c.name}（{edition.name}）",
                    edition.event.start,
                    edition.event.end,
                )
            )
        for kind, summary, start, end in spans:
            event = Event()
            event.add("uid", f"{entry.id}-{index}-{kind}@kejiao")
            event.add("dtstamp", stamp)
            event.add("summary", summary)
            event.add("dtstart", start)
            event.add("dtend", end + dt.timedelta(days=1))  # all-day events end the day after
            if url.startswith("http"):
                event.add("url", url)
            event.add("description", f"{c.name}，{edition.name}。详情：{edition.url or url}")
            events.append(event)
    return events


def calendars(catalogue: Catalogue, *, site_url: str, updated: dt.date) -> dict[str, str]:
    """Relative path → .ics text; no file for a competition without dates."""
    stamp = dt.datetime(updated.year, updated.month, updated.day, tzinfo=dt.UTC)
    files: dict[str, str] = {}
    everything = _calendar("科教资源目录：竞赛报名截止")
    for entry in sorted(catalogue.records["competition"].values(), key=lambda e: e.id):
        events = _events(entry, site_url, stamp)
        if not events:
            continue
        cal = _calendar(entry.model.display_title)
        for event in events:
            cal.add_component(event)
            if "deadline" in str(event["uid"]):
                everything.add_component(event)
        files[f"competitions/{entry.id}/calendar.ics"] = cal.to_ical().decode("utf-8")
    files[DEADLINES_PATH] = everything.to_ical().decode("utf-8")
    return files
