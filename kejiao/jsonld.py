"""schema.org JSON-LD for every record page, so search engines and other platforms can read it.
A person is described by name, title, affiliation and fields only: never a contact point."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from . import regions
from .catalogue import Catalogue
from .content import Entry
from .models import Base, Competition, Course, Expert, TopicList
from .models.common import GradeRange
from .render.urls import relative
from .vocab import BaseType, CostType, Mode

_COURSE_MODE = {
    Mode.ONSITE: "onsite",
    Mode.ONLINE: "online",
    Mode.DUAL_TEACHER: "blended",
    Mode.BLENDED: "blended",
}
_BASE_TYPE = {
    BaseType.SCIENCE_MUSEUM: "Museum",
    BaseType.MUSEUM: "Museum",
    BaseType.NATURAL_HISTORY: "Museum",
    BaseType.PLANETARIUM: "Museum",
    BaseType.BOTANICAL_GARDEN: "Park",
    BaseType.ZOO_AQUARIUM: "Zoo",
    BaseType.UNIVERSITY_LAB: "CollegeOrUniversity",
    BaseType.RESEARCH_INSTITUTE: "ResearchOrganization",
    BaseType.ENTERPRISE: "Corporation",
    BaseType.YOUTH_CENTRE: "EducationalOrganization",
}
_PLACES = {"Museum", "Park", "Zoo", "CivicStructure"}
_DAYS = {
    "周一": "Monday",
    "周二": "Tuesday",
    "周三": "Wednesday",
    "周四": "Thursday",
    "周五": "Friday",
    "周六": "Saturday",
    "周日": "Sunday",
}


def _level(grades: GradeRange | None) -> str | None:
    return "、".join(s.value for s in grades.derived_stages()) if grades else None


def _address(code: str | None, street: str | None = None) -> dict[str, Any] | None:
    if not code:
        return None
    chain = regions.chain(code)
    return _clean(
        {
            "@type": "PostalAddress",
            "addressCountry": "CN",
            "addressRegion": chain[0].name if chain else None,
            "addressLocality": chain[-1].name if len(chain) > 1 else None,
            "streetAddress": street,
        }
    )


def _clean(value: Any) -> Any:
    """Drop empty values so the graph holds only what the record says."""
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_clean(v) for v in value if v not in (None, "", [], {})]
    return value


class JsonLd:
    def __init__(self, catalogue: Catalogue, site_url: str) -> None:
        self.catalogue = catalogue
        self.site_url = site_url
        self.page_url = ""

    def url(self, entry: Entry) -> str:
        """Absolute when the site's address is configured, else relative to the page."""
        target = f"{entry.kind.folder}/{entry.id}/"
        return f"{self.site_url}{target}" if self.site_url else relative(self.page_url, target)

    def person(self, entry: Entry) -> dict[str, Any]:
        x: Expert = entry.model  # type: ignore[assignment]
        return {
            "@type": "Person",
            "name": x.name,
            "jobTitle": x.title,
            "url": self.url(entry),
            "affiliation": {"@type": "Organization", "name": x.affiliation},
        }

    def course(self, entry: Entry) -> dict[str, Any]:
        c: Course = entry.model  # type: ignore[assignment]
        base = self.catalogue.get("base", c.base) if c.base else None
        provider = {
            "@type": "Organization",
            "name": base.model.display_title if base else c.provider,
        }
        if base:
            provider["url"] = self.url(base)
        experts = [e for i in c.experts if (e := self.catalogue.get("expert", i))]
        minutes = c.hours * c.lesson_minutes
        offer = {
            "@type": "Offer",
            "category": c.cost.type.value,
            "priceCurrency": "CNY",
            "price": 0 if c.cost.type is CostType.FREE else c.cost.amount,
        }
        return {
            "@type": "Course",
            "name": c.title,
            "description": c.summary,
            "url": self.url(entry),
            "inLanguage": "zh-CN",
            "provider": provider,
            "isAccessibleForFree": c.cost.type is CostType.FREE,
            "educationalLevel": _level(c.grades),
            "teaches": [f.value for f in c.fields],
            "timeRequired": f"PT{minutes // 60}H{minutes % 60}M"
            if minutes % 60
            else f"PT{minutes // 60}H",
            "audience": {"@type": "EducationalAudience", "educationalRole": "student"},
            "hasCourseInstance": {
                "@type": "CourseInstance",
                "courseMode": _COURSE_MODE[c.mode],
                "courseWorkload": f"{c.hours}课时",
                "location": {"@type": "Place", "name": c.venue, "address": _address(c.region)}
                if c.venue or c.region
                else None,
                "instructor": [self.person(e) for e in experts],
                "offers": offer,
            },
        }

    def base(self, entry: Entry) -> dict[str, Any]:
        b: Base = entry.model  # type: ignore[assignment]
        kind = _BASE_TYPE.get(
            b.type, "Organization" if b.type.value != "其他" else "CivicStructure"
        )
        geo = (
            {
                "@type": "GeoCoordinates",
                "latitude": b.coordinates.lat,
                "longitude": b.coordinates.lon,
            }
            if b.coordinates and b.coordinates.datum.value == "WGS-84"  # schema.org means WGS-84
            else None
        )
        node: dict[str, Any] = {
            "@type": kind,
            "name": b.name,
            "alternateName": b.short_name,
            "description": b.summary,
            "url": self.url(entry),
            "sameAs": b.website,
            "address": _address(b.region, b.address),
            "telephone": b.contact.phone if b.contact else None,
        }
        hours = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [_DAYS[d.value] for d in h.days],
                "opens": h.opens,
                "closes": h.closes,
            }
            for h in b.opening_hours
        ]
        if kind in _PLACES:
            node.update(
                geo=geo,
                openingHoursSpecification=hours,
                publicAccess=True,
                isAccessibleForFree=b.cost.type is CostType.FREE if b.cost else None,
            )
            if b.booking and b.booking.url:
                node["tourBookingPage"] = b.booking.url
        else:  # an organisation: its place carries the coordinates and hours
            node["location"] = {
                "@type": "Place",
                "address": _address(b.region, b.address),
                "geo": geo,
                "openingHoursSpecification": hours,
            }
            node["email"] = b.contact.email if b.contact else None
        return node

    def expert(self, entry: Entry) -> dict[str, Any]:
        x: Expert = entry.model  # type: ignore[assignment]
        return {
            **self.person(entry),
            "description": x.bio,
            "knowsAbout": [f.value for f in x.fields],
            "sameAs": x.profile_url,
        }

    def topic_list(self, entry: Entry) -> dict[str, Any]:
        t: TopicList = entry.model  # type: ignore[assignment]
        elements = []
        for position, item in enumerate(t.items, start=1):
            speaker = self.catalogue.get("expert", item.speaker) if item.speaker else None
            event = {
                "@type": "EducationEvent",
                "name": item.title,
                "description": item.abstract,
                "educationalLevel": _level(item.grades),
                "about": item.field.value,
                "duration": f"PT{item.duration}M",
                "performer": self.person(speaker)
                if speaker
                else (
                    {"@type": "Organization", "name": item.organization}
                    if item.organization
                    else None
                ),
            }
            elements.append({"@type": "ListItem", "position": position, "item": event})
        return {
            "@type": "ItemList",
            "name": t.title,
            "description": t.summary,
            "url": self.url(entry),
            "numberOfItems": len(t.items),
            "itemListElement": elements,
        }

    def competition(self, entry: Entry) -> dict[str, Any]:
        c: Competition = entry.model  # type: ignore[assignment]
        organizers = [{"@type": "Organization", "name": o} for o in c.organizers]
        events = []
        for edition in c.editions:
            offer = None
            if edition.registration:
                offer = {
                    "@type": "Offer",
                    "validFrom": edition.registration.start.isoformat(),
                    "validThrough": edition.registration.end.isoformat(),
                    "url": edition.url,
                }
            events.append(
                {
                    "@type": "Event",
                    "name": f"{c.name}（{edition.name}）",
                    "organizer": organizers,
                    "startDate": edition.event.start.isoformat() if edition.event else None,
                    "endDate": edition.event.end.isoformat() if edition.event else None,
                    "url": edition.url,
                    "offers": offer,
                }
            )
        return {
            "@type": "EventSeries",
            "name": c.name,
            "description": c.summary,
            "url": self.url(entry),
            "sameAs": c.website,
            "organizer": organizers,
            "subEvent": events,
            "audience": {
                "@type": "EducationalAudience",
                "educationalRole": "student",
                "audienceType": "、".join(s.value for s in c.stages),
            },
        }

    def for_entry(self, entry: Entry, page_url: str) -> dict[str, Any]:
        self.page_url = page_url
        node = getattr(self, entry.kind.name)(entry)
        return _clean({"@context": "https://schema.org", **node})


def script_tag(data: dict[str, Any]) -> Markup:
    """The JSON-LD block; `<`, `>` and `&` escaped so no text can close the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')
