"""Findability files: an Atom feed of new and updated records, and robots.txt."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from ..catalogue import Catalogue

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 100


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(catalogue: Catalogue, *, title: str, site_url: str, updated: dt.date) -> str:
    """The most recently verified records first; links are absolute when site_url is set."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "zh-CN"})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{title}：新增与更新"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = (
        f"{site_url}feed.xml" if site_url else "urn:kejiao:feed"
    )
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(updated)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"href": site_url or "./", "rel": "alternate"})
    if site_url:
        ET.SubElement(feed, f"{{{ATOM}}}link", {"href": f"{site_url}feed.xml", "rel": "self"})
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = title
    entries = sorted(
        catalogue.all(), key=lambda e: (e.model.last_verified, e.kind.name, e.id), reverse=True
    )
    for entry in entries[:FEED_SIZE]:
        path = f"{entry.kind.folder}/{entry.id}/"
        node = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(
            node, f"{{{ATOM}}}title"
        ).text = f"【{entry.kind.label}】{entry.model.display_title}"
        ET.SubElement(node, f"{{{ATOM}}}id").text = (
            f"{site_url}{path}" if site_url else f"urn:kejiao:{entry.kind.name}:{entry.id}"
        )
        ET.SubElement(node, f"{{{ATOM}}}link", {"href": f"{site_url}{path}"})
        ET.SubElement(node, f"{{{ATOM}}}updated").text = _stamp(entry.model.last_verified)
        summary = getattr(entry.model, "summary", None) or getattr(entry.model, "bio", None)
        if summary:
            ET.SubElement(node, f"{{{ATOM}}}summary").text = summary
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def robots_txt(site_url: str) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url}sitemap.xml")
    return "\n".join(lines) + "\n"
