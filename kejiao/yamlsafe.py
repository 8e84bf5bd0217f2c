"""Strict YAML reading for content files.

PyYAML accepts many things silently that hurt a catalogue: duplicate keys, YAML 1.1 booleans such as
`no`, anchors and aliases (alias bombs), unknown tags. We build values from the event stream ourselves
(iteratively, so deep nesting cannot blow the stack), reject those traps with located messages, and
keep the position and the source text of every node so later errors can point at the right line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

try:  # libyaml is much faster; the pure-Python parser gives the same events.
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 32

_STR_TAG = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {
    None,
    "!",
    _STR_TAG,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_YAML12_BOOLS = {"true", "false"}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_resolver = Resolver()
_constructor = SafeConstructor()

Path_ = tuple[str | int, ...]


class Node(NamedTuple):
    """Where a value stands in the file and how it was written (a tuple: there are many)."""

    line: int  # 1-based
    column: int  # 1-based
    text: str | None = None  # source text of a scalar
    plain: bool = False  # an unquoted scalar, whose type YAML guessed


@dataclass
class Document:
    """A parsed file: its value, the node of every value, and the node of every mapping key."""

    data: Any
    nodes: dict[Path_, Node]
    keys: dict[Path_, Node]

    @property
    def has_positions(self) -> bool:
        return bool(self.nodes)

    def release_positions(self) -> None:
        """Let go of the positions (most of the memory) once the file's own checks are done;
        the rare later message about this file reads them again (content.Entry.locate)."""
        self.nodes, self.keys = {}, {}

    def locate(self, path: Path_, *, key: bool = False) -> Node:
        """The node at `path`, or the nearest enclosing one that exists."""
        table = self.keys if key else self.nodes
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.nodes:
                return self.nodes[probe]
            probe = probe[:-1]
        return self.nodes.get((), Node(1, 1))


@dataclass(frozen=True)
class YamlProblem:
    line: int
    column: int
    message: str


class YamlError(Exception):
    """The file cannot be read as a record; `problems` says every reason found."""

    def __init__(self, problems: list[YamlProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def decode(raw: bytes) -> str:
    """Bytes → text, refusing what an editor or Excel export commonly gets wrong."""
    if len(raw) > MAX_BYTES:
        raise YamlError(
            [
                YamlProblem(
                    1, 1, f"文件过大（{len(raw)} 字节，上限 {MAX_BYTES}）；一条记录不应这么长"
                )
            ]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlError(
            [
                YamlProblem(
                    1, 1, "文件以 BOM（字节顺序标记）开头；请另存为“UTF-8 无 BOM”编码 (BOM found)"
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            [
                YamlProblem(
                    line,
                    column,
                    "文件不是 UTF-8 编码（可能是 GBK）；请用 UTF-8 重新保存 (invalid UTF-8)",
                )
            ]
        ) from None
    problems = []
    clean = "\t" not in text and not _CONTROL.search(text)  # nearly always: skip the line scan
    # Split on "\n" only: YAML counts lines that way, str.splitlines would also split on \x0b etc.
    for number, text_line in enumerate([] if clean else text.split("\n"), start=1):
        tab = text_line.find("\t")
        if tab >= 0:
            problems.append(
                YamlProblem(
                    number, tab + 1, "含有制表符（Tab）；YAML 只能用空格缩进 (tab character)"
                )
            )
        control = _CONTROL.search(text_line.rstrip("\r"))
        if control:
            problems.append(
                YamlProblem(
                    number,
                    control.start() + 1,
                    f"含有不可见的控制字符 U+{ord(control.group()):04X}"
                    "（常见于从网页或 Word 复制的文字）；请删除 (control character)",
                )
            )
    if problems:
        raise YamlError(problems)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlError([YamlProblem(1, 1, "文件为空；一条记录至少需要必填字段 (empty file)")])
    return text


_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _fast_scalar(tag: str, text: str) -> Any:
    """The common integers and dates without PyYAML's general constructors (same results)."""
    if tag == "tag:yaml.org,2002:int" and _DECIMAL.fullmatch(text):
        return int(text)
    if tag == "tag:yaml.org,2002:timestamp" and _DAY.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None  # let PyYAML report it
    return None


def _scalar_value(event: yaml.ScalarEvent, problems: list[YamlProblem]) -> tuple[Any, bool]:
    """Construct a scalar as YAML would, but flag the YAML 1.1 surprises."""
    plain = not event.style and event.implicit[0]
    if event.tag in (None, "!") and plain:
        tag = _resolver.resolve(ScalarNode, event.value, (True, False))
    elif event.tag in (None, "!"):
        tag = _STR_TAG
    else:
        tag = event.tag
    if tag == _STR_TAG:
        return event.value, plain
    fast = _fast_scalar(tag, event.value)
    if fast is not None:
        return fast, plain
    line, column = _pos(event.start_mark)
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
    try:
        value = _constructor.construct_object(node, deep=True)
    except (ConstructorError, ValueError) as exc:
        problems.append(YamlProblem(line, column, f"无法识别的值 {event.value!r} ({exc})"))
        return event.value, plain
    if tag == "tag:yaml.org,2002:bool" and event.value.lower() not in _YAML12_BOOLS:
        problems.append(
            YamlProblem(
                line,
                column,
                f"未加引号的 {event.value} 会被 YAML 读成布尔值 {str(value).lower()}；"
                f'表示是/否请写 true 或 false，表示文字请加引号："{event.value}" '
                "(YAML 1.1 boolean)",
            )
        )
    elif tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and ":" in event.value:
        problems.append(
            YamlProblem(
                line,
                column,
                f"未加引号的 {event.value} 会被 YAML 读成六十进制数 {value}；"
                f'时间请加引号："{event.value}" (sexagesimal number)',
            )
        )
    return value, plain


_node = Node._make  # builds from a tuple without a Python-level __new__ call: the hot path

# First characters for which YAML may guess a type other than text; any other plain scalar is text.
_TYPED_STARTS = frozenset(_resolver.yaml_implicit_resolvers)


class _Parse:
    """Builds one document's values and nodes from the event stream.

    The hot path (plain and quoted text in mappings and lists) is kept short: at 100,000 records it
    runs tens of millions of times."""

    def __init__(self) -> None:
        self.problems: list[YamlProblem] = []
        self.nodes: dict[Path_, Node] = {}
        self.keys: dict[Path_, Node] = {}
        # One frame per open mapping or list: [container, path, pending key, has key, key node]
        self.stack: list[list[Any]] = []
        self.root: Any = None

    def place(self, value: Any, node: Node) -> Path_ | None:
        """Attach a finished value to its parent; return its path (None when dropped)."""
        stack = self.stack
        if not stack:
            self.root = value
            self.nodes[()] = node
            return ()
        frame = stack[-1]
        container = frame[0]
        if container.__class__ is list:
            path = (*frame[1], len(container))
            container.append(value)
            self.nodes[path] = node
            return path
        if not frame[3]:
            if not isinstance(value, str | int | float | bool) or value is None:
                self.problems.append(
                    YamlProblem(node.line, node.column, "键必须是简单文字 (complex key)")
                )
                value = f"<{node.line}:{node.column}>"
            frame[2], frame[3], frame[4] = value, True, node
            return None
        key = frame[2]
        frame[3] = False
        key_node = frame[4] or node
        if key.__class__ is not str:
            self.problems.append(
                YamlProblem(key_node.line, key_node.column, f"键 {key!r} 应为文字 (non-string key)")
            )
            key = str(key)
        path = (*frame[1], key)
        if key in container:
            first = self.keys[path]
            self.problems.append(
                YamlProblem(
                    key_node.line,
                    key_node.column,
                    f"重复的键 {key}（第 {first.line} 行已出现）；后一个会悄悄覆盖前一个 "
                    "(duplicate key)",
                )
            )
            return None
        container[key] = value
        self.keys[path] = key_node
        self.nodes[path] = node
        return path

    def run(self, text: str) -> None:
        problems, place, stack = self.problems, self.place, self.stack
        nodes, keys = self.nodes, self.keys
        scalar_event, end_events = yaml.ScalarEvent, (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        documents = depth = 0
        loader = _EventLoader(text)
        get_event = loader.get_event
        try:
            while (event := get_event()) is not None:
                kind = event.__class__
                if kind in end_events:  # common and cheap
                    depth -= 1
                    stack.pop()
                    continue
                mark = event.start_mark
                if kind is scalar_event and event.anchor is None and event.tag is None:
                    value = event.value
                    plain = not event.style and event.implicit[0]
                    if plain and value[:1] in _TYPED_STARTS:  # may be a number, date, bool, null
                        value, plain = _scalar_value(event, problems)
                    node = _node((mark.line + 1, mark.column + 1, event.value, plain))
                    if stack:  # inline `place` for text in a list or as a mapping's value
                        frame = stack[-1]
                        container = frame[0]
                        if container.__class__ is list:
                            nodes[(*frame[1], len(container))] = node
                            container.append(value)
                            continue
                        if frame[3] and frame[2].__class__ is str and frame[2] not in container:
                            path = (*frame[1], frame[2])
                            container[frame[2]] = value
                            keys[path] = frame[4]
                            nodes[path] = node
                            frame[3] = False
                            continue
                    place(value, node)
                    continue
                line, column = mark.line + 1, mark.column + 1
                if kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        problems.append(
                            YamlProblem(
                                line, column, "一个文件只能有一条记录（出现了第二个 --- 文档）"
                            )
                        )
                        break
                    continue
                anchor = getattr(event, "anchor", None)
                if kind is yaml.AliasEvent:
                    problems.append(
                        YamlProblem(
                            line, column, f"不支持 YAML 别名 *{anchor}；请直接写出内容 (alias)"
                        )
                    )
                    break
                if anchor is not None:
                    problems.append(
                        YamlProblem(
                            line, column, f"不支持 YAML 锚点 &{anchor}；请直接写出内容 (anchor)"
                        )
                    )
                    break
                tag = getattr(event, "tag", None)
                if isinstance(event, yaml.NodeEvent) and tag not in _ALLOWED_TAGS:
                    problems.append(YamlProblem(line, column, f"不支持的 YAML 标签 {tag} (tag)"))
                    break
                if kind is scalar_event:
                    value, plain = _scalar_value(event, problems)
                    place(value, Node(line, column, event.value, plain))
                elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                    depth += 1
                    if depth > MAX_DEPTH:
                        problems.append(
                            YamlProblem(
                                line, column, f"嵌套层级过深（超过 {MAX_DEPTH} 层） (nesting)"
                            )
                        )
                        break
                    container: Any = {} if kind is yaml.MappingStartEvent else []
                    path = place(container, Node(line, column))
                    stack.append(
                        [container, ("<key>",) if path is None else path, None, False, None]
                    )
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, column = _pos(mark)
            detail = " ".join(str(p) for p in (exc.context, exc.problem) if p)
            problems.append(
                YamlProblem(line, column, f"YAML 语法错误：{_explain(detail)} ({detail})")
            )
        except yaml.YAMLError as exc:  # e.g. a reader error on control characters
            mark = getattr(exc, "problem_mark", None)
            line, column = _pos(mark)
            problems.append(
                YamlProblem(line, column, "YAML 无法读取：" + " ".join(str(exc).split()))
            )
        finally:
            loader.dispose()


def parse(text: str) -> Document:
    """Parse one YAML document strictly; raise YamlError with every problem found."""
    state = _Parse()
    state.run(text)
    if state.problems:
        raise YamlError(state.problems)
    if state.root is None:
        raise YamlError([YamlProblem(1, 1, "文件为空；一条记录至少需要必填字段 (empty file)")])
    return Document(state.root, state.nodes, state.keys)


_HINTS = [
    (re.compile(r"mapping values are not allowed"), "冒号后缺少空格，或该行缩进不对"),
    (re.compile(r"could not find expected ':'"), "缺少冒号，或上一行的引号没有闭合"),
    (re.compile(r"found character .* that cannot start any token"), "此处有 YAML 不允许的字符"),
    (re.compile(r"did not find expected key"), "缩进不一致，或列表项（- ）与键混在同一层"),
    (re.compile(r"found unexpected end of stream"), "引号或括号没有闭合"),
    (re.compile(r"did not find expected '-' indicator"), "列表项缩进不一致"),
]


def _explain(detail: str) -> str:
    for pattern, hint in _HINTS:
        if pattern.search(detail):
            return hint
    return "请检查该行的缩进、冒号和引号"
