"""How the browser tools' data is split, so each tool page downloads only what it asks about
(issue 15): per kind and province shards for 为我推荐 (the school's province, the records without a
region, and the bases of the provinces whose bounding box can lie within reach), split by subject
when large; the finder's own shards of the records with places, by province or, in a dense
province, by city (app/near.json lists them); one shard per month of dates (近期 loads only the
months it shows); and buckets by a hash of the record's address (a shared shortlist loads only the
records it names). Each kind of file keeps only the record keys its tool reads. `app/manifest.json`
lists what exists. The shard keys are read from the record contract (appdata.APP_KEYS: `r`/`rs`
regions, `od`/`ed` dates, `v` validity), never from a kind's name. The hash and the month rules
have twins in docs/assets/core.js (refBucket, monthsBetween), tested against these with node."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

NATIONWIDE = "00"  # the shard of records without a region (online, 不限地区); no province has it
PROVINCES = "00"  # app/divisions/00.json: the provinces; app/divisions/<pp>.json: one province
# What each split keeps of a record: 近期 and the shortlist read only these keys.
DATE_KEYS = ("k", "id", "t", "ex", "ad", "od", "ed")
REF_KEYS = ("k", "id", "t", "ex", "g", "st", "f", "ad", "af")
# The finder reads a kind with places from its own shards, app/<folder>/near/<key>.json: a province's
# records (key: its two digits), or, for a province with more than NEAR_SPLIT of them, one shard per
# city (the region code's first four digits). A city's box is smaller than its province's (Hebei's
# contains Beijing), so the nearest results need fewer records; but on HTTP/1.1 every file costs a
# round trip, so sparse provinces stay whole. They keep only what the finder shows and ranks.
NEAR_SPLIT = 300
NEAR_KEYS = ("k", "id", "t", "ex", "g", "sv", "ad", "od", "cs", "bk", "ll", "ap")
# The province shards and their subject parts are read by 为我推荐 only: they keep what it weighs
# and shows (the finder, 近期 and the shortlist have files of their own).
SHARD_KEYS = ("k", "id", "t", "ex", "g", "st", "f", "r", "rs", "mo", "v", "it", "ed", "wl", "ll",
              "bt", "cf", "sv")  # fmt: skip
ENDED = "e"  # the part of a shard whose validity ended before the content's date
NEAR_PATH = "app/near.json"
REFS_PER_BUCKET = 250  # a shortlist item costs one bucket of about this many records
# A shard larger than this (bytes of JSON) is also written split by subject: app/<folder>/<pp>-<i>.json
# holds its records about the i-th domain (vocab.json's order) and those without one, <pp>-x.json
# only those without one, so 为我推荐 with a chosen subject loads one file per subject (a record with
# two subjects is in both).
SPLIT_BYTES = 32_000
NO_FIELD = "x"


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def provinces(record: dict[str, Any]) -> list[str]:
    """The province shards a record belongs to: its region's, each of its service regions', or
    the nationwide shard."""
    codes = [record["r"]] if record.get("r") else list(record.get("rs", []))
    return sorted({code[:2] for code in codes}) or [NATIONWIDE]


def near_shards(members: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The finder's shards of a kind's records with places: by province, a province with more
    than NEAR_SPLIT records by city (records without a region: the nationwide shard)."""
    by_province: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in members:
        by_province[record["r"][:2] if record.get("r") else NATIONWIDE].append(record)
    out: dict[str, list[dict[str, Any]]] = {}
    for province, found in by_province.items():
        if len(found) <= NEAR_SPLIT or province == NATIONWIDE:
            out[province] = found
            continue
        for record in found:
            out.setdefault(record["r"][:4], []).append(record)
    return out


def months_between(start: str, end: str) -> list[str]:
    """Every month ("YYYY-MM") from the ISO date `start` to `end`, both included."""
    year, month = int(start[:4]), int(start[5:7])
    last = (int(end[:4]), int(end[5:7]))
    out = []
    while (year, month) <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def date_months(record: dict[str, Any]) -> list[str]:
    """The months in which 近期 may show this record: an open day in every month it spans, a
    competition edition in the month its registration closes (what 近期 lists)."""
    found: set[str] = set()
    for start, end, _title in record.get("od", []):
        found.update(months_between(start, end))
    for edition in record.get("ed", []):
        if edition[2]:
            found.add(edition[2][:7])
    return sorted(found)


def fields(record: dict[str, Any], type_domains: dict[str, list[str]]) -> set[str | None]:
    """The subjects 为我推荐 weighs a record by: its own, its listed topics' (`it`; None for an
    item whose field is not recorded), and for a base those of its type (`bt`,
    appdata.BASE_TYPE_DOMAINS) and of its courses (`cf`)."""
    return {
        *record.get("f", []),
        *(item[2] for item in record.get("it", [])),
        *record.get("cf", []),
        *type_domains.get(record.get("bt", ""), []),
    }


def ended(record: dict[str, Any], since: str | None) -> bool:
    """Whether the record's validity (`v`, a topic list's) ended before the date `since`."""
    end = (record.get("v") or [None, None])[1]
    return bool(since and end and end < since)


def _trim(record: dict[str, Any]) -> dict[str, Any]:
    return {k: record[k] for k in SHARD_KEYS if k in record}


def _part(record: dict[str, Any], key: str, domains: list[str]) -> dict[str, Any]:
    """A record as its subject part holds it: of a topic list's items (`it`), only those about
    that subject and those whose subject is not recorded (为我推荐 drops the others as known no;
    app.js merges a list's items from several parts)."""
    if "it" not in record:
        return record
    subject = domains[int(key)] if key != NO_FIELD else None
    return {**record, "it": [i for i in record["it"] if i[2] is None or i[2] == subject]}


def _subject_keys(found: set[str | None], index: dict[str, str]) -> list[str]:
    """The subject parts a record goes in: each known subject's, and the unknown part too when a
    subject is not recorded (a topic item without a field), so a subject's choice still finds it."""
    keys = sorted((index[f] for f in found if f is not None), key=int)
    return [*keys, NO_FIELD] if None in found or not keys else keys


def ref_hash(ref: str) -> int:
    """FNV-1a (32 bit) of a shortlist ref "folder/id" (ASCII by the ref rules)."""
    h = 0x811C9DC5
    for ch in ref:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h


def bucket_count(records: int) -> int:
    """A power of two, so that a bucket holds about REFS_PER_BUCKET records."""
    count = 1
    while count * REFS_PER_BUCKET < records:
        count *= 2
    return count


def box(points: Iterable[list[float]]) -> list[float] | None:
    """[south, west, north, east] around the points, or None without any."""
    points = list(points)
    if not points:
        return None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return [min(lats), min(lons), max(lats), max(lons)]


def outward(area: list[float] | None) -> list[float] | None:
    """A box rounded outward to 0.01° (about 1 km): shorter to download, and never smaller, so
    its distance stays a lower bound (core.boxDistanceKm)."""
    if area is None:
        return None
    south, west, north, east = area
    return [
        math.floor(south * 100) / 100,
        math.floor(west * 100) / 100,
        math.ceil(north * 100) / 100,
        math.ceil(east * 100) / 100,
    ]


def split(
    records: list[dict[str, Any]],
    kinds: list[list[str]],
    domains: list[str],
    type_domains: dict[str, list[str]],
    since: str | None = None,
) -> tuple[dict[str, str], dict[str, Any]]:
    """The shard files (path → text) and the manifest's `shards`, `months` and `refs`.
    `kinds` is [[folder, label, name], ...] in the order of the records' `k`; `domains` the
    subjects in vocab.json's order, `type_domains` vocab.json's baseTypeDomains, `since` the
    content's date (ISO): records whose validity (`v`) ended before it go to <pp>-e.json, which
    为我推荐 loads only on a device whose date is earlier (manifest "since"). A manifest
    shard is {"n": records, "box": [south, west, north, east] (kinds with places),
    "by": {subject index or "x": records} (when split by subject), "ended": records in -e}.
    app/near.json lists the finder's shards of the kinds with places the same way ({name: {key:
    {"n", "box"}}}, key a province or a city); only the finder downloads it."""
    by_shard: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    by_month: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        for province in provinces(record):
            by_shard[(record["k"], province)].append(record)
        for month in date_months(record):
            by_month[month].append({k: record[k] for k in DATE_KEYS if k in record})
    buckets = bucket_count(len(records))
    by_bucket: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        ref = f"{kinds[record['k']][0]}/{record['id']}"
        by_bucket[ref_hash(ref) & (buckets - 1)].append(
            {k: record[k] for k in REF_KEYS if k in record}
        )
    placed = {r["k"] for r in records if "ll" in r}  # kinds whose records have a point
    by_near: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for k in placed:
        for key, members in near_shards([r for r in records if r["k"] == k]).items():
            by_near[(k, key)] = [{f: r[f] for f in NEAR_KEYS if f in r} for r in members]
    files: dict[str, str] = {}
    shards: dict[str, dict[str, list[Any]]] = {name: {} for _folder, _label, name in kinds}
    index = {domain: str(i) for i, domain in enumerate(domains)}
    for (k, province), members in sorted(by_shard.items()):
        folder, _label, name = kinds[k]
        entry: dict[str, Any] = {}
        if k in placed:  # a kind with places: where the shard's records are (为我推荐's bases)
            entry["box"] = box(r["ll"] for r in members if "ll" in r)
        current = [_trim(r) for r in members if not ended(r, since)]
        gone = [_trim(r) for r in members if ended(r, since)]
        text = dumps(current)
        files[f"app/{folder}/{province}.json"] = text
        entry["n"] = len(current)
        if gone:
            files[f"app/{folder}/{province}-{ENDED}.json"] = dumps(gone)
            entry["ended"] = len(gone)
        subjects = [_subject_keys(fields(r, type_domains), index) for r in current]
        if len(text.encode()) > SPLIT_BYTES and any(s != [NO_FIELD] for s in subjects):
            parts: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for record, keys in zip(current, subjects, strict=True):
                for key in keys:
                    parts[key].append(_part(record, key, domains))
            order = sorted(
                parts, key=lambda key: (key == NO_FIELD, int(key) if key != NO_FIELD else 0)
            )
            for key in order:
                members_of = parts[key]
                if key != NO_FIELD:  # and every record without a subject: one request, not two
                    there = {r["id"] for r in members_of}
                    members_of = members_of + [
                        r for r in parts.get(NO_FIELD, []) if r["id"] not in there
                    ]
                files[f"app/{folder}/{province}-{key}.json"] = dumps(members_of)
            entry["by"] = {key: len(parts[key]) for key in order}
        shards[name][province] = entry
    near: dict[str, dict[str, Any]] = {kinds[k][2]: {} for k in sorted(placed)}
    for (k, key), members in sorted(by_near.items()):
        files[f"app/{kinds[k][0]}/near/{key}.json"] = dumps(members)
        near[kinds[k][2]][key] = {
            "n": len(members),
            "box": outward(box(r["ll"] for r in members if "ll" in r)),
        }
    files[NEAR_PATH] = dumps(near)
    for month, members in sorted(by_month.items()):
        files[f"app/dates/{month}.json"] = dumps(members)
    for bucket, members in sorted(by_bucket.items()):
        files[f"app/refs/{bucket}.json"] = dumps(members)
    manifest: dict[str, Any] = {"since": since} if since else {}
    manifest |= {
        "shards": shards,
        "months": sorted(by_month),
        "refs": [buckets, sorted(by_bucket)],
    }
    return files, manifest


def division_files(table: dict[str, list[Any]], parents: dict[str, str | None]) -> dict[str, str]:
    """app/divisions/00.json (the provinces) and one file per province (its cities and districts,
    the province included), from the division table {code: [name, parent, lat, lon]}."""
    files: dict[str, dict[str, list[Any]]] = defaultdict(dict)
    for code, row in table.items():
        if parents[code] is None:
            files[PROVINCES][code] = row
        files[code[:2]][code] = row
    return {f"app/divisions/{key}.json": dumps(rows) for key, rows in sorted(files.items())}
