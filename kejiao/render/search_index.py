"""The header search's index, split so that a query downloads only the parts it needs.

Layout (all under search/, UTF-8 JSON):
- meta.json — small, loaded when the box is first used: kinds, shard count, the traditional →
  simplified table for the characters in the index, the maintainers' synonyms, stage words, pinyin
  syllables.
- t/<n>.json — the postings, sharded by a hash of the term: {term: [doc, fields, doc, fields, ...]},
  doc numbers delta-encoded, `fields` a bit set telling which field holds the term (FIELDS).
- d/<n>.json — the records to show, DOC_CHUNK to a file, in display order (ties rank by it, so the
  first results sit in the first files); s/<n>.json — the same rows, SMALL_CHUNK to a file, for
  results scattered over the catalogue (search.js picks per query whichever costs fewer round
  trips, then fewer bytes).
- p/<n>.json — character → syllable for common characters, split by character code into
  PINYIN_PARTS small files: a query loads those of its characters when they miss (homophone typing
  slips such as 机器仁), or beforehand when they fit in the same round trip as its shards.

Terms: character bigrams of normalised text (a Chinese word of any length hits as a substring,
no word segmentation to get wrong), single characters of titles, pinyin syllable pairs
("tian wen") of titles, keywords and regions, pinyin initials ("~tw") of titles, and stage/grade
terms ("@初中", "@g7"). The browser (docs/assets/search.js) turns a query into the same terms.
The summary is indexed as results show it (SUMMARY_CHARS), as the index before this one did.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import Any

from .. import regions
from ..catalogue import Catalogue
from ..content import Entry
from ..kinds import KINDS
from ..synonyms import load_synonyms
from .context import File
from .search_words import STAGE_GRADES, grade_terms

META_PATH = "search/meta.json"
PINYIN_PARTS = 64  # ~110 characters, well under 1 KB gzip, a file
SUMMARY_CHARS = 80
KEYWORD_CHARS = 60
DOC_CHUNK = 100
SMALL_CHUNK = 10  # a divisor of DOC_CHUNK
POSTINGS_PER_SHARD = 3000  # sizes the shard count: ~10 KB of postings per file before gzip

# Field bits, in the order results explain why they matched (search.js FIELD_LABELS).
TITLE, REGION, KEYWORDS, STAGE, ADDRESS, SUMMARY = 1, 2, 4, 8, 16, 32
PINYIN_FIELDS = TITLE | REGION | KEYWORDS

_RUN = re.compile(r"[\u3400-\u9fffa-z0-9]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
SHARED = REGION | KEYWORDS | ADDRESS  # texts that repeat across records


@cache
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1 << 16)  # regions and keywords repeat across records
def normalise(text: str) -> str:
    """What both the index and the query are matched as: NFKC (full-width → half-width), lower
    case, Simplified characters."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _t2s().convert(text) if text else text


@cache
def char_pinyin() -> dict[str, str]:
    """Every character pypinyin knows → its first reading, without tones (ü as v)."""
    from pypinyin.pinyin_dict import pinyin_dict

    out = {}
    for code, readings in pinyin_dict.items():
        first = readings.split(",")[0]
        plain = "".join(
            c for c in unicodedata.normalize("NFD", first) if not unicodedata.combining(c)
        )
        out[chr(code)] = plain.replace("ü", "v")
    return out


def shard_of(term: str, shards: int) -> int:
    """FNV-1a over UTF-16 code units, as search.js computes it."""
    h = 0x811C9DC5
    data = term.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % shards


def text_terms(text: str, *, unigrams: bool = False) -> Iterator[str]:
    """Bigrams of each run of letters, digits and Han characters; a one-character run is itself
    a term, and with `unigrams` every character is."""
    for run in _RUN.findall(text):
        if len(run) == 1 or unigrams:
            yield from run
        yield from map(str.__add__, run, run[1:])


def pinyin_terms(text: str, table: dict[str, str], *, initials: bool) -> Iterator[str]:
    """Syllable pairs ("tian wen") of each run of Han characters, and with `initials` their
    initials ("~tw")."""
    for run in _HAN_RUN.findall(text):
        syllables = [table.get(c, "") for c in run]
        for a, b in itertools.pairwise(syllables):
            if a and b:
                yield f"{a} {b}"
                if initials:
                    yield f"~{a[0]}{b[0]}"


@lru_cache(maxsize=1 << 15)
def _shared_terms(text: str, field: int) -> frozenset[str]:
    """The terms of a text many records share (regions, keyword lists), computed once."""
    return frozenset(_terms(text, field))


def _terms(text: str, field: int) -> set[str]:
    found = set(text_terms(text, unigrams=field == TITLE))
    if field & PINYIN_FIELDS:
        found.update(pinyin_terms(text, char_pinyin(), initials=field == TITLE))
    return found


class _Builder:
    def __init__(self) -> None:
        # term → [doc, fields, doc, fields, ...]; docs are added in order, so each list is sorted
        self.postings: dict[str, list[int]] = {}
        self.pinyin = char_pinyin()

    def add_doc(self, doc: int, fields: dict[int, str], stage_terms: list[str]) -> None:
        terms: dict[str, int] = dict.fromkeys(stage_terms, STAGE)
        for bit, text in fields.items():
            if not text:
                continue
            found = _shared_terms(text, bit) if bit & SHARED else _terms(text, bit)
            # Set operations, not a look-up per term: most terms are in one field only.
            both = found & terms.keys()
            for term in both:
                terms[term] |= bit
            terms.update(dict.fromkeys(found - both if both else found, bit))
        postings = self.postings
        for term, bits in terms.items():
            posting = postings.get(term)
            if posting is None:
                postings[term] = [doc, bits]
            else:
                posting += (doc, bits)

    def chars(self) -> set[str]:
        """Every Han character the index holds."""
        out: set[str] = set()
        for term in self.postings:
            out.update(term)
        return {c for c in out if _HAN.match(c)}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fields(entry: Entry, catalogue: Catalogue) -> dict[int, str]:
    m = entry.model
    kind = entry.kind
    words: list[Any] = list(getattr(m, "fields", []) or [])
    words += kind.search_keywords(entry, catalogue)
    keywords = " ".join(str(w) for w in dict.fromkeys(words) if w)
    region = " ".join(regions.full_name(code) for code in kind.regions(m))
    return {
        TITLE: m.display_title,
        REGION: region,
        KEYWORDS: keywords,
        ADDRESS: str(getattr(m, "address", "") or ""),
        SUMMARY: kind.search_summary(m),
    }


def _stage(entry: Entry) -> tuple[list[str], str]:
    """The record's stage terms and the label results show (学段 and grades)."""
    m = entry.model
    stages = [str(s) for s in entry.kind.stages(m)]
    grades = getattr(m, "grades", None)
    low_high = (grades.start, grades.end) if grades else None
    terms = grade_terms(stages, low_high)
    label = "、".join(stages)
    if low_high:
        low, high = low_high
        label += f"（{low} 年级）" if low == high else f"（{low}–{high} 年级）"
    return terms, label


def search_files(catalogue: Catalogue, ordered: dict[str, list[Entry]]) -> dict[str, str]:
    """Every file of the index by its path under the site. `ordered` holds each kind's entries in
    display (pinyin) order, which ties keep."""
    kinds = list(KINDS)
    builder = _Builder()
    docs: list[list[Any]] = []
    for name in kinds:
        for entry in ordered[name]:
            n = len(docs)
            fields = _fields(entry, catalogue)
            fields[SUMMARY] = _clip(fields[SUMMARY], SUMMARY_CHARS)  # what results show
            stage_terms, stage_label = _stage(entry)
            builder.add_doc(n, {bit: normalise(text) for bit, text in fields.items()}, stage_terms)
            docs.append([
                kinds.index(name), entry.id, fields[TITLE], fields[SUMMARY],
                fields[REGION], _clip(fields[KEYWORDS], KEYWORD_CHARS), stage_label, fields[ADDRESS],
                1 if entry.model.example else 0,
            ])  # fmt: skip
    total = sum(len(p) for p in builder.postings.values()) // 2
    shards = 8
    while shards < 4096 and total / shards > POSTINGS_PER_SHARD:
        shards *= 2
    # Every shard is written, the empty ones too: the browser reads a missing file as a broken
    # site, and a term may well hash to a shard no indexed term uses.
    files: dict[str, dict[str, list[int]]] = {f"search/t/{n}.json": {} for n in range(shards)}
    for term, posting in builder.postings.items():
        docs_only = posting[0::2]
        posting[2::2] = [b - a for a, b in itertools.pairwise(docs_only)]
        files.setdefault(f"search/t/{shard_of(term, shards)}.json", {})[term] = posting
    # Sorted terms: set order varies between processes, the output must not.
    out = {path: _dump(dict(sorted(files[path].items()))) for path in sorted(files)}
    # Rows are serialised once, in files of SMALL_CHUNK; a large file joins DOC_CHUNK of them.
    small = [_dump(docs[at : at + SMALL_CHUNK]) for at in range(0, len(docs), SMALL_CHUNK)]
    for n, text in enumerate(small):
        out[f"search/s/{n}.json"] = text
    per = DOC_CHUNK // SMALL_CHUNK
    for n in range(0, len(small), per):
        inner = ",".join(text[1:-2] for text in small[n : n + per])  # without "[" and "]\n"
        out[f"search/d/{n // per}.json"] = f"[{inner}]\n"
    out[META_PATH] = _dump(_meta(catalogue, builder, shards, len(docs)))
    for n, table in enumerate(_pinyin_parts(builder)):
        out[f"search/p/{n}.json"] = _dump(table)
    return out


def theme_values(files: Iterable[File]) -> dict[str, int]:
    """What every page's search box carries (config.extra.kejiao in the theme): the shard count,
    so a query's literal terms start loading alongside meta.json instead of after it. Empty when
    the site has no index."""
    for f in files:
        if f.path == META_PATH:
            return {"search_shards": json.loads(f.text)["shards"]}
    return {}


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _meta(catalogue: Catalogue, builder: _Builder, shards: int, count: int) -> dict[str, Any]:
    chars = builder.chars()
    syllables = sorted({builder.pinyin[c] for c in chars if c in builder.pinyin})
    synonyms = load_synonyms()
    # A synonym key's characters too: 電腦 must simplify to the key 电脑 though no record has it.
    keys = {c for key in synonyms for c in key}
    return {
        "version": 2,
        "count": count,
        "shards": shards,
        "chunk": DOC_CHUNK,
        "small": SMALL_CHUNK,
        "pinyin_parts": PINYIN_PARTS,
        "kinds": [[k.folder, k.label, [f.key for f in k.facets]] for k in KINDS.values()],
        "t2s": _t2s_table(frozenset(chars | keys)),
        "synonyms": synonyms,
        "stages": STAGE_GRADES,
        "syllables": [s for s in syllables if s.isalpha()],
    }


def _t2s_table(chars: frozenset[str]) -> str:
    """Pairs "繁简繁简…" for every traditional character opencc turns into one the index holds, so
    the browser can simplify a query without shipping opencc."""
    pairs = []
    candidates = [chr(c) for c in range(0x4E00, 0xA000)]
    simplified = _t2s().convert("\n".join(candidates)).split("\n")
    for trad, simp in zip(candidates, simplified, strict=True):
        if trad != simp and len(simp) == 1 and simp in chars:
            pairs.append(trad + simp)
    return "".join(pairs)


@cache
def _common_chars() -> frozenset[str]:
    """The 6,763 characters of GB 2312, the set an IME offers first."""
    out = set()
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                out.add(bytes([hi, lo]).decode("gb2312"))
    return frozenset(out)


def _pinyin_parts(builder: _Builder) -> list[dict[str, str]]:
    """Syllable → its characters, for common characters and those in the index, one table per
    part (a character's part: its code modulo PINYIN_PARTS, as search.js computes it). Every part
    is written, the empty ones too."""
    parts: list[dict[str, list[str]]] = [{} for _ in range(PINYIN_PARTS)]
    for c in sorted(_common_chars() | builder.chars()):
        syllable = builder.pinyin.get(c)
        if syllable and syllable.isalpha():
            parts[ord(c) % PINYIN_PARTS].setdefault(syllable, []).append(c)
    return [{s: "".join(cs) for s, cs in sorted(part.items())} for part in parts]
