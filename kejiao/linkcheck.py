"""`check-links`: every external address in the records, checked concurrently with timeouts and
retries; redirects are followed and reported; recent results are cached; domains that refuse robots
can be skipped or checked with GET. The report is grouped by file and record."""

from __future__ import annotations

import datetime as dt
import errno
import http.client
import json
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .catalogue import Catalogue
from .content import Entry

URL_KEYS = {"url", "website", "profile_url"}
MARKDOWN_URL = re.compile(r"https?://[^\s)\]>\"'，。；]+")


@dataclass(frozen=True)
class LinkRule:
    timeout: float = 10.0
    retries: int = 2
    concurrency: int = 8
    cache_days: int = 7
    user_agent: str = "kejiao-link-check/1.0 (+https://github.com/)"
    skip_domains: tuple[str, ...] = ()
    get_domains: tuple[str, ...] = ()  # servers that answer HEAD wrongly
    # tried only when every link failed before reaching a server: is the network there at all?
    probe_hosts: tuple[str, ...] = ("www.baidu.com", "www.qq.com", "www.gov.cn")


@dataclass
class Result:
    url: str
    status: int | None
    ok: bool
    final_url: str | None = None
    error: str | None = None
    skipped: bool = False
    checked: str = ""
    redirects: list[str] = field(default_factory=list)
    network: bool = False  # failed before any server answered (name lookup, route, timeout…)


# getaddrinfo's "no such name" and "try again", and the errno values for "no route".
_DNS_ERRORS = {socket.EAI_NONAME, socket.EAI_AGAIN, getattr(socket, "EAI_NODATA", -5)}
_NO_ROUTE = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN}


def describe_failure(reason: object) -> tuple[str, bool]:
    """(Chinese description, whether it came before any server answered, so that it may mean
    this machine has no network) of a failure; never the operating system's English text."""
    if isinstance(reason, socket.gaierror):
        if reason.errno in _DNS_ERRORS:
            return "域名无法解析（域名不存在，或本机无法连接域名服务器）", True
        return "域名解析出错", True
    if isinstance(reason, TimeoutError | socket.timeout) or "timed out" in str(reason):
        return "超时", True
    if isinstance(reason, ssl.SSLCertVerificationError):
        return "HTTPS 证书无效（过期、不匹配或不受信任）", False
    if isinstance(reason, ssl.SSLError):
        return "HTTPS 加密连接出错", False
    if isinstance(reason, ConnectionRefusedError):
        return "连接被拒绝（服务器没有提供网页服务）", True
    if isinstance(reason, ConnectionResetError | ConnectionAbortedError):
        return "连接被服务器中断", False
    if isinstance(reason, OSError) and reason.errno in _NO_ROUTE:
        return "网络不可达（没有到服务器的路由）", True
    if isinstance(reason, http.client.HTTPException):
        return "服务器的回答不是有效的 HTTP", False
    if isinstance(reason, ValueError):
        return "网址格式无效", False
    return "无法连接", False


HTTP_MEANING = {
    400: "请求无效", 401: "需要登录", 403: "禁止访问", 404: "页面不存在", 410: "页面已删除",
    429: "请求过多，被限流", 500: "服务器内部错误", 502: "网关错误", 503: "服务暂不可用",
    504: "网关超时",
}  # fmt: skip


def network_down(results: list[Result], probe_hosts: tuple[str, ...]) -> bool:
    """Whether this machine, not the links, is the problem: nothing checked got any answer, every
    failure came before a server answered (name lookup, route, timeout, refused), and none of the
    probe hosts ("host" or "host:port", 443 by default) accepts a connection either."""
    fresh = [r for r in results if not r.skipped]
    if not fresh or any(r.ok or r.status is not None or not r.network for r in fresh):
        return False
    for probe in probe_hosts:
        host, _, port = probe.partition(":")
        try:
            socket.create_connection((host, int(port or 443)), timeout=3).close()
            return False
        except OSError:
            continue
    return True


@dataclass(frozen=True)
class Use:
    path: str  # file as shown to maintainers
    record: str
    field: str
    url: str


def uses(catalogue: Catalogue) -> list[Use]:
    out: list[Use] = []
    for entry in sorted(catalogue.all(), key=lambda e: e.shown):
        out.extend(_walk(entry, entry.doc.data if entry.doc else None, ()))
    return out


def _walk(entry: Entry, value: Any, path: tuple) -> Iterator[Use]:
    where = ".".join(map(str, path))
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(entry, item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(entry, item, (*path, index))
    elif isinstance(value, str):
        if path and path[-1] in URL_KEYS and value.startswith(("http://", "https://")):
            yield Use(entry.shown, entry.model.display_title, where, value)
        elif path and path[-1] == "description":
            for match in MARKDOWN_URL.finditer(value):
                yield Use(entry.shown, entry.model.display_title, where, match.group())


class _Recorder(urllib.request.HTTPRedirectHandler):
    """Follows redirects (like a browser) and remembers each hop, to report moved pages."""

    def __init__(self) -> None:
        self.hops: list[str] = []

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        self.hops.append(f"{code} → {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _domain_matches(url: str, domains: tuple[str, ...]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


def check_one(url: str, rule: LinkRule) -> Result:
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    if _domain_matches(url, rule.skip_domains):
        return Result(url, None, True, skipped=True, checked=stamp)
    method = "GET" if _domain_matches(url, rule.get_domains) else "HEAD"
    last: Result | None = None
    for attempt in range(rule.retries + 1):
        recorder = _Recorder()
        opener = urllib.request.build_opener(recorder)
        request = urllib.request.Request(
            url, method=method, headers={"User-Agent": rule.user_agent}
        )
        try:
            with opener.open(request, timeout=rule.timeout) as response:
                final = response.geturl()
                return Result(url, response.status, True, final if final != url else None,
                              checked=stamp, redirects=recorder.hops)  # fmt: skip
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):  # some servers refuse HEAD only
                method = "GET"
                continue
            last = Result(
                url,
                exc.code,
                False,
                error=f"HTTP {exc.code}",
                checked=stamp,
                redirects=recorder.hops,
            )
            if exc.code < 500:
                return last
        except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            text, network = describe_failure(reason)
            last = Result(url, None, False, error=text, checked=stamp, network=network)
        if attempt < rule.retries:
            time.sleep(0.2 * (attempt + 1))
    assert last is not None
    return last


@dataclass
class Checked:
    results: dict[str, Result]
    offline: bool  # the network, not the links, failed: report nothing as broken


def check_all(
    urls: list[str], rule: LinkRule, cache_file: Path | None, *, now: dt.datetime | None = None
) -> dict[str, Result]:
    return check(urls, rule, cache_file, now=now).results


def check(
    urls: list[str], rule: LinkRule, cache_file: Path | None, *, now: dt.datetime | None = None
) -> Checked:
    now = now or dt.datetime.now(dt.UTC)
    cache: dict[str, Result] = {}
    if cache_file and cache_file.is_file():
        for url, data in json.loads(cache_file.read_text(encoding="utf-8")).items():
            result = Result(**data)
            age = now - dt.datetime.fromisoformat(result.checked)
            if result.ok and age < dt.timedelta(
                days=rule.cache_days
            ):  # failures are always re-checked
                cache[url] = result
    todo = sorted(set(urls) - set(cache))
    with ThreadPoolExecutor(max_workers=rule.concurrency) as pool:
        fresh = list(pool.map(lambda u: check_one(u, rule), todo))
    offline = network_down(fresh, rule.probe_hosts)
    if offline:
        return Checked({u: cache.get(u) or _unknown(u) for u in urls}, True)
    for result in fresh:
        cache[result.url] = result
    if cache_file:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(
            json.dumps(
                {u: asdict(r) for u, r in sorted(cache.items())}, ensure_ascii=False, indent=1
            ),
            encoding="utf-8",
        )
    return Checked({u: cache[u] for u in urls}, False)


def _unknown(url: str) -> Result:
    return Result(url, None, False, error="未检查（网络不可用）", network=True)


def _describe(result: Result) -> str:
    if result.status is not None and result.status in HTTP_MEANING:
        return f"HTTP {result.status}（{HTTP_MEANING[result.status]}）"
    return result.error or f"HTTP {result.status}"


NETWORK_DOWN = (
    "网络不可用：所有网址都无法连接（域名无法解析、没有路由或超时），连常用网站也无法访问，"
    "所以这次没有检查任何链接，也不报告任何链接失效。请检查网络（或 DNS 设置）后重新运行。"
)


def report(
    used: list[Use], results: dict[str, Result], *, markdown: bool = False
) -> tuple[str, int]:
    """The report text and the number of broken links."""
    broken = [u for u in used if not results[u.url].ok]
    moved = [u for u in used if results[u.url].ok and results[u.url].final_url]
    lines = ["## 链接检查" if markdown else "链接检查",
             f"共检查 {len({u.url for u in used})} 个网址：{len(broken)} 处失效，{len(moved)} 处已跳转。"]  # fmt: skip
    for title, group, describe in (
        ("失效的链接", broken, _describe),
        ("已跳转的链接（建议改为新地址）", moved, lambda r: f"→ {r.final_url}"),
    ):
        if not group:
            continue
        lines += ["", f"### {title}" if markdown else f"{title}："]
        current = None
        for use in sorted(group, key=lambda u: (u.path, u.field)):
            if use.path != current:
                current = use.path
                lines.append(
                    f"- `{use.path}`（{use.record}）"
                    if markdown
                    else f"  {use.path}（{use.record}）"
                )
            detail = f"{use.field}: {use.url} {describe(results[use.url])}"
            lines.append(f"  - {detail}" if markdown else f"    {detail}")
    return "\n".join(lines) + "\n", len(broken)
