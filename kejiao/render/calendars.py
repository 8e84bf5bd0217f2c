"""iCalendar files, importable into phone calendars: one per competition (registration deadlines
and event dates of its current and coming editions) and one with every registration deadline.

Which editions: an edition whose last date (registration end or event end) lies before the content
date (the newest `last_verified` of the catalogue) is past and left out. The content date, not the
build day, so the same content always gives the same files (builds stay reproducible); an edition
that ends between the content date and the reader's day is harmless in a calendar (it sits in
the past).

Each deadline carries a reminder (VALARM) three days before, at 09:00 local time. Descriptions link
the record page by its absolute address when `site_url` is set, and otherwise only to the edition's
own official notice (a relative link is useless inside a calendar). Demo records are marked
【示例】 in every title. Text is passed through `_text`, so no raw line break, U+2028/2029 or NEL
reaches a content line; the icalendar library escapes and folds the rest (RFC 5545)."""

from __future__ import annotations

import datetime as dt
import re

from icalendar import Alarm, Calendar, Event

from ..catalogue import Catalogue
from ..content import Entry
from ..models import Competition

DEADLINES_PATH = "calendar/deadlines.ics"
EXAMPLE_MARK = "【示例】"
# 09:00 three days before the all-day deadline (the trigger counts from its 00:00 start).
REMINDER = dt.timedelta(days=-2, hours=-15)

_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _text(value: str) -> str:
    """Every kind of line break as \\n (which icalendar writes as the escape \\\\n), other control
    characters dropped."""
    return _CONTROLS.sub("", _BREAKS.sub("\n", value))


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//科教资源目录//kejiao//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _text(name))
    return cal


def _reminder(summary: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _text(f"3 天后{summary}"))
    alarm.add("trigger", REMINDER, parameters={"RELATED": "START"})
    return alarm


def _events(entry: Entry, site_url: str, stamp: dt.datetime, today: dt.date) -> list[Event]:
    c: Competition = entry.model  # type: ignore[assignment]
    page = f"{site_url}competitions/{entry.id}/" if site_url.startswith("http") else None
    mark = EXAMPLE_MARK if c.example else ""
    events = []
    for index, edition in enumerate(c.editions):
        spans = []
        if edition.registration:
            spans.append(("deadline", f"{mark}【报名截止】{c.name}（{edition.name}）",
                          edition.registration.end, edition.registration.end))  # fmt: skip
        if edition.event:
            spans.append(("event", f"{mark}【比赛】{c.name}（{edition.name}）",
                          edition.event.start, edition.event.end))  # fmt: skip
        if not spans or max(end for *_, end in spans) < today:
            continue  # a past edition
        links = [f"官方通知：{edition.url}"] if edition.url else []
        if page:
            links.append(f"详情：{page}")
        for kind, summary, start, end in spans:
            event = Event()
            event.add("uid", f"{entry.id}-{index}-{kind}@kejiao")
            event.add("dtstamp", stamp)
            event.add("summary", _text(summary))
            event.add("dtstart", start)
            event.add("dtend", end + dt.timedelta(days=1))  # all-day events end the day after
            if page:
                event.add("url", page)
            about = f"{mark}{c.name}，{edition.name}。" + "\n".join(links)
            event.add("description", _text(about))
            if kind == "deadline":
                event.add_component(_reminder(_text(summary)))
            events.append(event)
    return events


def has_calendar(entry: Entry, content_date: dt.date) -> bool:
    """Whether `calendars` writes a calendar.ics beside this record's page (the page links it):
    a record with dated editions not yet past."""
    if not getattr(entry.model, "editions", None):
        return False
    return bool(_events(entry, "", dt.datetime(2000, 1, 1, tzinfo=dt.UTC), content_date))


def calendars(catalogue: Catalogue, *, site_url: str, updated: dt.date) -> dict[str, str]:
    """Relative path → .ics text; no file for a competition without current or coming dates.
    `updated` is the content date, which decides what is past."""
    stamp = dt.datetime(updated.year, updated.month, updated.day, tzinfo=dt.UTC)
    files: dict[str, str] = {}
    everything = _calendar("科教资源目录：竞赛报名截止")
    for entry in sorted(catalogue.records["competition"].values(), key=lambda e: e.id):
        events = _events(entry, site_url, stamp, updated)
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
