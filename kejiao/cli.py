"""Command line: `python build.py validate | build | serve | new | schemas`.
The only place where errors become messages and exit codes (0 ok, 1 content errors, 2 usage)."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from .diagnostics import Diagnostic
from .engine import ENGINES
from .errors import BuildError, CatalogueError, ConfigError, ContentError, UsageError
from .gcpolicy import bulk_work
from .kinds import KINDS
from .settings import Settings, load_settings

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
SITE_URL_MISSING = (
    "提示：mkdocs.yml 没有设置 site_url，打印的一页纸上没有网址和二维码；"
    "网站发布后请填写 site_url（如 https://example.org/catalogue/）并重新生成"
)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD：{text}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py", description="科教资源目录：校验记录并生成网站"
    )
    parser.add_argument("-f", "--config", default="mkdocs.yml", help="配置文件（默认 mkdocs.yml）")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    def with_checks(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--strict", action="store_true", help="有警告也视为失败")
        p.add_argument("--today", type=_date, default=None, help="按此日期判断过期（测试用）")
        p.add_argument(
            "--format", choices=["text", "github"], default="text",
            help="github：输出 GitHub Actions 注释，错误会标在合并请求的对应行上",
        )  # fmt: skip
        return p

    with_checks(sub.add_parser("validate", help="校验全部记录"))
    build = with_checks(sub.add_parser("build", help="校验并生成网站到 site/"))
    build.add_argument(
        "--engine",
        choices=ENGINES,
        default=None,
        help="网站引擎（默认取 mkdocs.yml 中 extra.catalogue.engine，即 mkdocs）",
    )
    serve = sub.add_parser("serve", help="本地预览，修改记录后自动刷新")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="地址:端口")
    new = sub.add_parser("new", help="按模板新建一条记录")
    new.add_argument("kind", choices=list(KINDS), help="记录类型")
    new.add_argument("id", help="编号（文件名），小写字母、数字和连字符")
    imp = sub.add_parser("import", help="从 Excel（.xlsx）或 CSV 导入记录")
    imp.add_argument("kind", choices=list(KINDS), help="记录类型")
    imp.add_argument("file", type=Path, help="表格文件，第一行为中文列名")
    imp.add_argument("--update", action="store_true", help="覆盖已有的同编号记录")
    imp.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    exp = sub.add_parser("export", help="把一种记录导出为 Excel（.xlsx）或 CSV")
    exp.add_argument("kind", choices=list(KINDS), help="记录类型")
    exp.add_argument("file", type=Path, help="输出文件")
    exp.add_argument("--template", action="store_true", help="只写列名和填写说明（空白申报表）")
    stale = sub.add_parser("stale", help="列出超过期限没有核实的记录")
    stale.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    links = sub.add_parser("check-links", help="检查全部外部链接，按文件和记录列出失效与跳转")
    links.add_argument("--format", choices=["text", "markdown"], default="text")
    links.add_argument("--no-cache", action="store_true", help="忽略缓存，全部重新检查")
    diff = sub.add_parser("changes", help="列出两个 git 版本之间记录的新增、修改和删除（Markdown）")
    diff.add_argument("base", help="比较的起点，例如 origin/main")
    diff.add_argument("head", nargs="?", default="HEAD", help="比较的终点（默认 HEAD）")
    schemas = sub.add_parser("schemas", help="由模型生成 schemas/*.schema.json")
    schemas.add_argument("--check", action="store_true", help="只检查是否与模型一致")
    return parser


def _report(diagnostics: list[Diagnostic], style: str = "text") -> None:
    for d in diagnostics:
        if style == "github":  # workflow commands are read from standard output
            print(d.github())
        print(d.format(), file=sys.stderr)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    print(f"共 {errors} 个错误，{warnings} 个警告", file=sys.stderr)


def run() -> None:
    """The program's entry point (build.py, the `kejiao` script): exits with main's code."""
    sys.exit(main())


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(levelname)s: %(message)s")
    try:
        if args.command == "serve":  # runs for hours: each update pauses the collector itself
            return _run(args)
        with bulk_work():
            return _run(args)
    except ContentError as exc:
        _report(exc.diagnostics, getattr(args, "format", "text"))
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
        _report(diagnostics, args.format)
        counts = "，".join(f"{KINDS[k].label} {n}" for k, n in catalogue.counts().items())
        print(f"校验通过：{counts}", file=sys.stderr)
        return EXIT_OK
    if args.command == "build":
        from .site import build

        result = build(settings, today, args.strict, engine=args.engine)
        _report(result.diagnostics, args.format)
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
    if args.command == "check-links":
        return _check_links(settings, args, today)
    if args.command == "changes":
        from .changes import changes, markdown

        content = settings.content_dir.relative_to(settings.root).as_posix()
        print(
            markdown(changes(settings.root, args.base, args.head, content), args.base, args.head),
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
    for path in report.written:
        print(f"已写入 {_shown(settings, path)}")
    for problem in report.rejected:
        for message in problem.messages:
            print(f"{args.file.name}: 第 {problem.row} 行: {message}", file=sys.stderr)
    print(
        f"导入 {len(report.written)} 条，拒绝 {len(report.rejected)} 行（被拒绝的行没有写入任何文件）",
        file=sys.stderr,
    )
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
    from .linkcheck import LinkRule, check_all, report, uses
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
    results = check_all([u.url for u in used], rule, cache)
    text, broken = report(used, results, markdown=args.format == "markdown")
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
