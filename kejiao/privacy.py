"""Detectors for personal data that must never be published (个人信息保护法): mobile numbers, resident
ID numbers, personal e-mail and WeChat ids. Institutional landlines and organisation mailboxes pass."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_MOBILE = re.compile(r"(?<![\d])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![\d])")
_ID_NUMBER = re.compile(
    r"(?<![\dA-Za-z])\d{6}(?:18|19|20)\d{2}[01]\d[0-3]\d\d{3}[\dXx](?![\dA-Za-z])"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)")
_WECHAT = re.compile(
    r"(?:微信号?|微信ID|vx|v信|wechat|weixin)\s*(?:号|id)?\s*[:：]?\s*([A-Za-z][-_A-Za-z0-9]{5,19})",
    re.IGNORECASE,
)
# Every detector above needs one of these; most catalogue text has none and is passed over at once.
_SUSPECT = re.compile(r"\d{3}|@|微信|v信|vx|wechat|weixin", re.IGNORECASE)
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


def scan(text: str, *, person: bool) -> Iterator[Finding]:
    """Personal data in one text value. `person` is true for fields of a person's record,
    where any e-mail address is refused (experts are reached through an organisation)."""
    if not _SUSPECT.search(text):
        return
    for match in _MOBILE.finditer(text):
        yield Finding(
            f"含有手机号码 {_mask(match.group())}；不得公开个人手机号，请改为机构座机或预约网址"
            " (mobile number)"
        )
    for match in _ID_NUMBER.finditer(text):
        if _id_checksum_ok(match.group()):
            yield Finding(f"含有身份证号码 {_mask(match.group())}；不得公开身份证号 (ID number)")
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


def _mask(value: str) -> str:
    """Show enough to find the value in the file, not enough to republish it in CI logs."""
    if len(value) <= 4:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 5) + value[-2:]
