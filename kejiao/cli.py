"""Command line: `python build.py validate | build | serve | new | schemas`.
The only place where errors become messages and exit codes (0 ok, 1 content errors, 2 usage)."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import logging
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from .diagnostics import Diagnostic
from .engine import ENGINES
from .errors import BuildError, CatalogueError, ConfigError, ContentError, UsageError
from .gcpolicy import bulk_work
from .kinds import BY_FOLDER, KINDS, kind_named
from .settings import Settings, load_settings

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
EXIT_NETWORK = 3  # check-links: the network is unreachable, so no link was judged
SITE_URL_MISSING = (
    "提示：mkdocs.yml 没有设置 site_url，打印的一页纸上没有网址和二维码；"
    "网站发布后请填写 site_url（如 https://example.org/catalogue/）并重新生成"
)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD：{text}") from None


def _kind(text: str) -> str:
    """A kind by its name or its folder (`topic_list` or `topic-lists`) → its name."""
    word = text.strip().lower()
    kind = kind_named(word) or kind_named(word.replace("-", "_"))  # topic-list, as people type it
    if kind is None:
        choices = "、".join(
            k.name if k.name == k.folder else f"{k.name}（{k.folder}）" for k in KINDS.values()
        )
        words = [*KINDS, *BY_FOLDER]
        close = difflib.get_close_matches(word, words, n=1, cutoff=0.6)
        guess = f"是否为 {close[0]}？" if close else ""
        raise argparse.ArgumentTypeError(f"未知的记录类型 {text}；{guess}可用：{choices}")
    return kind.name


_KIND_HELP = "记录类型：" + "、".join(KINDS) + "；也可写目录名，如 topic-lists"

# argparse's own English, as Python 3.11 words it → Chinese.
_ARGPARSE_ERRORS = [
    (re.compile(r"^argument ([^:]+): "), r"参数 \1："),
    (re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)"), r"无效的取值“\1”（可选：\2）"),
    (re.compile(r"the following arguments are required: (.*)"), r"缺少参数：\1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"无法识别的参数：\1"),
    (re.compile(r"expected one argument"), "后面需要跟一个值"),
    (re.compile(r"expected at most one argument"), "最多只能跟一个值"),
    (re.compile(r"invalid \w+ value: '([^']*)'"), r"取值无效：\1"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"), r"选项 \1 不明确，可能是：\2"),
    (re.compile(r"not allowed with argument (.*)"), r"不能与 \1 同时使用"),
    (re.compile(r"ignored explicit argument '([^']*)'"), r"多余的值：\1"),
]


def _chinese_error(message: str) -> str:
    for pattern, replacement in _ARGPARSE_ERRORS:
        message = pattern.sub(replacement, message)
    return message.replace("', '", "、").replace("'", "")


_TOKENS = re.compile(r"[\x21-\x7e]+|\s+|.")


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help with a Chinese usage line."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def _split_lines(self, text: str, width: int) -> list[str]:
        # A Chinese character is two columns wide; words such as topic-lists stay whole.
        lines, line, used = [], "", 0
        for token in _TOKENS.findall(self._whitespace_matcher.sub(" ", text).strip()):
            size = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in token)
            if used + size > width and line.strip():
                lines.append(line.rstrip())
                line, used = "", 0
                if token.isspace():
                    continue
            line, used = line + token, used + size
        return [*lines, line.rstrip()] if line.strip() else lines


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Chinese: help headings, -h and every usage error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出"
            )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}：错误：{_chinese_error(message)}\n")


def _parser() -> argparse.ArgumentParser:
    # A plain parser: its option group must keep argparse's own title to merge into each command's.
    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS,
        help="给每条消息附上英文原文（解析器、模型的原始说明），并显示引擎日志；供开发者排查",
    )  # fmt: skip
    parser = _Parser(
        prog="build.py", description="科教资源目录：校验记录并生成网站", parents=[debug]
    )
    parser.add_argument(
        "-f", "--config", default="mkdocs.yml", metavar="文件", help="配置文件（默认 mkdocs.yml）"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help, parents=[debug])

    def with_checks(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--strict", action="store_true", help="有警告也视为失败")
        p.add_argument(
            "--today", type=_date, default=None, metavar="日期", help="按此日期判断过期（测试用）"
        )
        p.add_argument(
            "--format", choices=["text", "github"], default="text", metavar="格式",
            help="text（默认）或 github：输出 GitHub Actions 注释，错误会标在合并请求的对应行上",
        )  # fmt: skip
        return p

    with_checks(command("validate", "校验全部记录"))
    build = with_checks(command("build", "校验并生成网站到 site/"))
    build.add_argument(
        "--engine",
        choices=ENGINES,
        default=None,
        metavar="引擎",
        help="网站引擎：mkdocs 或 zensical（默认取 mkdocs.yml 中 extra.catalogue.engine）",
    )
    serve = command("serve", "本地预览，修改记录后自动刷新")
    serve.add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", metavar="地址", help="地址:端口"
    )
    new = command("new", "按模板新建一条记录")
    new.add_argument("kind", type=_kind, metavar="类型", help=_KIND_HELP)
    new.add_argument("id", metavar="编号", help="编号（文件名），小写字母、数字和连字符")
    imp = command("import", "从 Excel（.xlsx）或 CSV 导入记录")
    imp.add_argument("kind", type=_kind, metavar="类型", help=_KIND_HELP)
    imp.add_argument("file", type=Path, metavar="文件", help="表格文件，第一行为中文列名")
    imp.add_argument("--update", action="store_true", help="覆盖已有的同编号记录")
    imp.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    exp = command("export", "把一种记录导出为 Excel（.xlsx）或 CSV")
    exp.add_argument("kind", type=_kind, metavar="类型", help=_KIND_HELP)
    exp.add_argument("file", type=Path, metavar="文件", help="输出文件")
    exp.add_argument("--template", action="store_true", help="只写列名和填写说明（空白申报表）")
    stale = command("stale", "列出超过期限没有核实的记录")
    stale.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    links = command("check-links", "检查全部外部链接，按文件和记录列出失效与跳转")
    links.add_argument(
        "--format", choices=["text", "markdown"], default="text", metavar="格式",
        help="text（默认）或 markdown",
    )  # fmt: skip
    links.add_argument("--no-cache", action="store_true", help="忽略缓存，全部重新检查")
    diff = command("changes", "列出两个 git 版本之间记录的新增、修改和删除（Markdown）")
    diff.add_argument("base", metavar="起点", help="比较的起点，例如 origin/main")
    diff.add_argument(
        "head", nargs="?", default="HEAD", metavar="终点", help="比较的终点（默认 HEAD）"
    )
    gaps = command("gaps", "列出真实记录还缺少哪些教师需要的信息（开放时间、预约、报名日期…）")
    gaps.add_argument("--kind", type=_kind, default=None, metavar="类型", help="只列这种记录")
    gaps.add_argument(
        "--csv",
        type=Path,
        default=None,
        metavar="文件",
        help="另把清单写成 CSV 文件（交给电话核实的同事）",
    )
    gaps.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    schemas = command("schemas", "由模型生成 schemas/*.schema.json")
    schemas.add_argument("--check", action="store_true", help="只检查是否与模型一致")
    return parser


def _report(diagnostics: list[Diagnostic], style: str = "text", debug: bool = False) -> None:
    for d in diagnostics:
        if style == "github":  # workflow commands are read from standard output
            print(d.github())
        print(d.format(detail=debug), file=sys.stderr)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    print(f"共 {errors} 个错误，{warnings} 个警告", file=sys.stderr)


def run() -> None:
    """The program's entry point (build.py, the `kejiao` script): exits with main's code."""
    sys.exit(main(process_ends=True))


def main(argv: Sequence[str] | None = None, *, process_ends: bool = False) -> int:
    """Run one command; its exit code. `process_ends`: nothing runs after it in this process."""
    args = _parser().parse_args(argv)
    args.debug = getattr(args, "debug", False)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(levelname)s: %(message)s")
    try:
        if args.command == "serve":  # runs for hours: each update pauses the collector itself
            return _run(args)
        with bulk_work(process_ends=process_ends):
            return _run(args)
    except ContentError as exc:
        _report(exc.diagnostics, getattr(args, "format", "text"), args.debug)
        print("校验未通过，网站没有更新。", file=sys.stderr)
        return EXIT_CONTENT
    except BuildError as exc:
        print(f"错误：{exc}\n网站没有更新。", file=sys.stderr)
        return EXIT_CONTENT
    except (ConfigError, UsageError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except CatalogueError as exc:  # pragma: no cover - every subclass is handled above
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_CONTENT


def _run(args: argparse.Namespace) -> int:
    config = Path(args.config)
    if args.command == "schemas":
        return _schemas(config.resolve().parent / "schemas", args.check)
    settings = load_settings(config)
    today = getattr(args, "today", None) or dt.date.today()
    if args.command == "validate":
        from .pipeline import load_catalogue

        catalogue, diagnostics = load_catalogue(
            settings.content_dir,
            root=settings.root,
            today=today,
            stale_days=settings.catalogue.stale_after_days,
            strict=args.strict,
            include_examples=settings.catalogue.include_examples,
        )
        _report(diagnostics, args.format, args.debug)
        counts = "，".join(f"{KINDS[k].label} {n}" for k, n in catalogue.counts().items())
        print(f"校验通过：{counts}", file=sys.stderr)
        return EXIT_OK
    if args.command == "build":
        from .site import build

        result = build(settings, today, args.strict, engine=args.engine)
        _report(result.diagnostics, args.format, args.debug)
        print(
            f"网站已生成：{_shown(settings, settings.site_dir)}（{result.pages} 个页面）",
            file=sys.stderr,
        )
        if (
            not settings.site_url
        ):  # the flyers print no address: tell the maintainer, not the public
            print(SITE_URL_MISSING, file=sys.stderr)
        return EXIT_OK
    if args.command == "serve":
        from .serve import serve

        serve(settings, args.dev_addr)
        return EXIT_OK
    if args.command == "new":
        from .scaffold import new_record

        path = new_record(settings.content_dir, args.kind, args.id, today)
        print(
            f"已新建 {_shown(settings, path)}：请把其中的“请填写”改为真实内容，然后运行 python build.py validate"
        )
        return EXIT_OK
    if args.command == "import":
        return _import(settings, args, today)
    if args.command == "stale":
        return _stale(settings, today)
    if args.command == "gaps":
        from .gaps import run as gaps_report

        print(gaps_report(settings, args.kind, args.csv, today), end="")
        return EXIT_OK
    if args.command == "check-links":
        return _check_links(settings, args, today)
    if args.command == "changes":
        from .changes import compare, markdown

        content = settings.content_dir.relative_to(settings.root).as_posix()
        print(
            markdown(compare(settings.root, args.base, args.head, content), args.base, args.head),
            end="",
        )
        return EXIT_OK
    if args.command == "export":
        from .opendata.spreadsheet import export_rows

        count = export_rows(settings.content_dir, args.kind, args.file, template=args.template)
        if args.template:
            print(f"已写入空白{KINDS[args.kind].label}申报表 {args.file}（第二个工作表是填写说明）")
        else:
            print(f"已导出 {count} 条{KINDS[args.kind].label}到 {args.file}")
        return EXIT_OK
    raise UsageError(f"未知命令 {args.command}")  # pragma: no cover - argparse rejects it first


def _import(settings: Settings, args: argparse.Namespace, today: dt.date) -> int:
    from .opendata.spreadsheet import import_rows

    if not args.file.is_file():
        raise UsageError(f"找不到文件 {args.file}")
    report = import_rows(
        settings.content_dir,
        args.kind,
        args.file,
        root=settings.root,
        today=today,
        update=args.update,
    )
    for note in report.notes:
        print(f"注意：{note}", file=sys.stderr)
    for line in report.lines(lambda path: _shown(settings, path)):
        print(line)
    for problem in report.rejected:
        for message in problem.messages:
            print(f"{args.file.name}: 第 {problem.row} 行: {message}", file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    return EXIT_CONTENT if report.rejected else EXIT_OK


def _stale(settings: Settings, today: dt.date) -> int:
    from .pipeline import load_catalogue

    catalogue, _ = load_catalogue(settings.content_dir, root=settings.root, today=today)
    limit = settings.catalogue.stale_after_days
    old = sorted(
        (e for e in catalogue.all() if (today - e.model.last_verified).days > limit),
        key=lambda e: (e.model.last_verified, e.shown),
    )
    for entry in old:
        days = (today - entry.model.last_verified).days
        print(
            f"{entry.shown}\t{entry.kind.label}\t{entry.model.display_title}\t最后核实 {entry.model.last_verified}（{days} 天前）"
        )
    print(f"共 {len(old)} 条记录超过 {limit} 天没有核实", file=sys.stderr)
    return EXIT_OK


def _check_links(settings: Settings, args: argparse.Namespace, today: dt.date) -> int:
    from .linkcheck import NETWORK_DOWN, LinkRule, check, report, uses
    from .pipeline import load_catalogue

    catalogue, _ = load_catalogue(
        settings.content_dir,
        root=settings.root,
        today=today,
        stale_days=settings.catalogue.stale_after_days,
    )
    conf = settings.catalogue.link_check
    rule = LinkRule(
        timeout=conf.timeout, retries=conf.retries, concurrency=conf.concurrency, cache_days=conf.cache_days,
        skip_domains=tuple(conf.skip_domains), get_domains=tuple(conf.get_domains),
    )  # fmt: skip
    used = uses(catalogue)
    cache = None if args.no_cache else settings.root / ".build" / "link-cache.json"
    checked = check([u.url for u in used], rule, cache)
    if checked.offline:  # not a broken link: say so, and exit with its own code
        print(NETWORK_DOWN)
        return EXIT_NETWORK
    text, broken = report(used, checked.results, markdown=args.format == "markdown")
    print(text, end="")
    return EXIT_CONTENT if broken else EXIT_OK


def _schemas(schema_dir: Path, check: bool) -> int:
    from . import schemas

    if check:
        stale = schemas.drift(schema_dir)
        for name in stale:
            print(f"schemas/{name} 与模型不一致；请运行 python build.py schemas", file=sys.stderr)
        return EXIT_CONTENT if stale else EXIT_OK
    for path in schemas.write(schema_dir):
        print(f"已更新 {path.name}")
    return EXIT_OK


def _shown(settings: Settings, path: Path) -> str:
    try:
        return path.relative_to(settings.root).as_posix()
    except ValueError:
        return str(path)
