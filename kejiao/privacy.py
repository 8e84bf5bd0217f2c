"""Detectors for personal data that must never be published (个人信息保护法): mobile numbers, resident
ID numbers, personal e-mail, WeChat ids and QQ numbers. Institutional landlines, 400/800 numbers,
organisation mailboxes and QQ groups pass.

Text is normalised before matching, so the usual ways of writing around a filter are caught:
full-width digits and letters (NFKC), digits split by spaces, dots, dashes or brackets, `＠` and
` @ ` in an e-mail, and WeChat written as wx:, 加V：, 微 信：, 徽信：, V信. A value that is a URL is
scanned in its decoded path, query and fragment (a booking link can carry a phone number); its host
is the site's and is not scanned. Look-alikes that are not personal (dates, years, course codes,
prices, region codes, ISBNs, coordinates, landlines) are kept out by the number shapes below and
by the tests in tests/test_privacy.py."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, unquote_plus, urlsplit

# One to three characters that may separate digit groups in a written-around number.
_SEP = r"[\s.\-_()·]{1,3}"
# Not part of a longer number (a digit, or a digit and one joiner, right before or after).
_ALONE_BEFORE = r"(?<!\d)(?<![\d][.\-_/])"
_ALONE_AFTER = r"(?!\d)(?![.\-_/]\d)"
_MOBILE = re.compile(
    _ALONE_BEFORE + r"(?:(?:\+|00)?86[\s\-]*)?"
    r"(?:1[3-9]\d{9}"  # 13912345678
    rf"|\(?1[3-9]\d\)?{_SEP}\d{{4}}[\s.\-_·]{{0,3}}\d{{4}}"  # 139 1234 5678, (139)12345678
    rf"|1[3-9]\d{{5}}{_SEP}\d{{4}}"  # 1391234 5678
    rf"|1{_SEP}[3-9](?:{_SEP}\d){{9}})"  # 1 3 9 1 2 3 4 5 6 7 8
     + _ALONE_AFTER
)
_ID_CANDIDATE = re.compile(
    r"(?<![\dA-Za-z])(?<![\d][.\-_/])\d(?:[\s.\-]?\d){16}[\s.\-]?[\dXx](?![\dA-Za-z])"
)
_ID_SHAPE = re.compile(r"\d{6}(?:18|19|20)\d{2}[01]\d[0-3]\d\d{3}[\dXx]")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)")
_AT = re.compile(r"\s*(?:@|\((?:at|AT)\)|\[(?:at|AT)\])\s*")
_WECHAT = re.compile(
    r"(?:[微徽薇]\s*(?:信|x)|v\s*信|vx(?![a-z])|wechat|weixin|wei\s*xin|加\s*v(?![a-z])"
    r"|wx\s*(?=[:：]))"
    r"\s*(?:号|id|账号)?\s*[:：]?\s*([a-z][-_a-z0-9]{5,19})(?![-_a-z0-9])",
    re.IGNORECASE,
)
_QQ = re.compile(
    r"(?:qq|扣扣)(?!\s*群)\s*(?:号码|号)?\s*[:：]?\s*([1-9](?:[\s.\-]?\d){4,11})(?!\d)",
    re.IGNORECASE,
)
# Every detector above needs one of these: eleven digits at most three characters apart (a mobile
# or ID number), an @, or a keyword (QQ numbers and WeChat ids follow one). Most catalogue text,
# dates and prices included, has none and is passed over at once.
_SUSPECT = re.compile(
    r"[0-9０-９](?:[^0-9０-９]{0,3}[0-9０-９]){10}|[@＠]|\((?:at|AT)\)|\[(?:at|AT)\]"
    r"|[微徽薇][\s　]*[信xXｘＸ]|[vVｖＶ]|[wWｗＷ][xXｘＸeEｅＥ]|[qQｑＱ]{2}|扣扣"
)
# The characters every alternative of _SUSPECT starts with. Searching for the first of them is a
# fast scan (one character class), and _SUSPECT then runs from there only: it is slow to run over
# whole texts, and about half of the values have none of these characters.
_SUSPECT_START = re.compile(r"[0-9０-９@＠(\[微徽薇vVｖＶwWｗＷqQｑＱ扣]")
# Separators NFKC leaves alone: dashes, the ideographic full stop, lenticular brackets.
_FOLD = str.maketrans(
    {
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
        "。": ".", "【": "(", "】": ")", "〔": "(", "〕": ")", "〈": "(", "〉": ")",
        "・": "·",
    }
)  # fmt: skip
PERSONAL_MAIL_DOMAINS = frozenset(
    {
        "qq.com", "vip.qq.com", "foxmail.com", "163.com", "vip.163.com", "126.com", "yeah.net",
        "sina.com", "sina.cn", "sohu.com", "139.com", "189.cn", "wo.cn", "aliyun.com", "tom.com",
        "21cn.com", "gmail.com", "hotmail.com", "outlook.com", "live.com", "yahoo.com", "icloud.com",
        "me.com", "msn.com", "protonmail.com",
    }
)  # fmt: skip
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _id_checksum_ok(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


@dataclass(frozen=True)
class Finding:
    message: str


def normalise(text: str) -> str:
    """The text as the detectors read it: NFKC (full-width forms to ASCII), dashes and Chinese
    brackets folded, and the spaces or (at) around an e-mail's @ removed."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.translate(_FOLD)
    if "@" in text or "at" in text or "AT" in text:
        text = _AT.sub("@", text)
    return text


def scan_value(value: str, *, person: bool) -> Iterator[Finding]:
    """Personal data in one value of a record: a URL is scanned in its path, query and fragment,
    any other text as a whole."""
    if value.startswith(("http://", "https://")):
        yield from scan_url(value, person=person)
    else:
        yield from scan(value, person=person)


def scan_url(url: str, *, person: bool) -> Iterator[Finding]:
    """Personal data in a URL's decoded user name, path, query and fragment."""
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed URL: the model reports it
        return
    pieces = [parts.username or "", unquote(parts.path), unquote_plus(parts.query)]
    pieces.append(unquote(parts.fragment))
    # Joined with a space and the query's separators opened, so that each value stands alone.
    text = " ".join(pieces).replace("&", " ").replace("=", " ").replace("/", " ")
    yield from scan(text, person=person)


def scan(text: str, *, person: bool) -> Iterator[Finding]:
    """Personal data in one text value. `person` is true for fields of a person's record,
    where any e-mail address is refused (experts are reached through an organisation)."""
    start = _SUSPECT_START.search(text)
    if start is None or not _SUSPECT.search(text, start.start()):
        return
    text = normalise(text)
    for match in _MOBILE.finditer(text):
        yield Finding(
            f"含有手机号码 {_mask(match.group())}；不得公开个人手机号，请改为机构座机或预约网址"
            " (mobile number)"
        )
    for match in _ID_CANDIDATE.finditer(text):
        number = re.sub(r"[\s.\-]", "", match.group())
        if _ID_SHAPE.fullmatch(number) and _id_checksum_ok(number):
            yield Finding(f"含有身份证号码 {_mask(number)}；不得公开身份证号 (ID number)")
    for match in _EMAIL.finditer(text):
        domain = match.group(1).lower()
        if person:
            yield Finding(
                f"专家记录中不得出现邮箱 {_mask(match.group())}；请通过组织方邀请（invite）"
                " (e-mail in a person record)"
            )
        elif domain in PERSONAL_MAIL_DOMAINS:
            yield Finding(f"含有个人邮箱 {_mask(match.group())}；请改用机构邮箱 (personal e-mail)")
    for match in _WECHAT.finditer(text):
        yield Finding(
            f"含有微信号 {_mask(match.group(1))}；不得公开个人微信，请改为机构联系方式 (WeChat id)"
        )
    for match in _QQ.finditer(text):
        yield Finding(
            f"含有 QQ 号 {_mask(match.group(1))}；不得公开个人 QQ，请改为机构联系方式或 QQ 群"
            " (QQ number)"
        )


def _mask(value: str) -> str:
    """Show enough to find the value in the file, not enough to republish it in CI logs."""
    if len(value) <= 4:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 5) + value[-2:]
