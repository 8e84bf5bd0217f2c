r"""Strict YAML reading for content files.

PyYAML accepts many things silently that hurt a catalogue: duplicate keys, YAML 1.1 booleans such as
`no`, anchors and aliases (alias bombs), unknown tags. We build values from the event stream ourselves
(iteratively, so deep nesting cannot blow the stack), reject those traps with located messages, and
keep the position and the source text of every node so later errors can point at the right line.

No value may change meaning on the way in. PyYAML reads YAML 1.1, the editors (yaml-language-server)
read YAML 1.2: every plain scalar the two read differently (`012`, `08`, `0b1`, `0o7`, `1_000`, `1e3`,
`yes`, `17:30`) is an error that says what to write instead, and so is any number with a leading zero
(a leading zero is data: a phone number, a code). Control characters are refused in the raw text and,
after escapes such as `"\e"` are decoded, in every value. Mistakes of a Chinese input method (a
full-width colon `：` after a key, full-width spaces as indentation) are named on their own line.

Rule for comments: a comment after a value is written as YAML linters want it, two spaces then `# `.
A ` #` after plain text in any other way (`周一闭馆 #节假日开放`) is almost always prose the writer
meant to keep, so it is a warning that suggests quotes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .diagnostics import split_detail
from .messages import date_advice

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
# In the raw text: C0 and C1 controls except tab (reported apart), LF and CR (a CR is reported when it
# is not part of CRLF), U+2028/2029 (YAML 1.1 line breaks the editors do not count), BOM, non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# In a value after escapes are decoded ("\e", "\0", "\x0c", "\u2028", "\N", "\ud800"): the same,
# except that LF and tab may stand in text.
_VALUE_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
_CHAR_NAMES = {
    "\x00": "空字符 NUL",
    "\x07": "响铃符",
    "\x08": "退格符",
    "\x0b": "垂直制表符",
    "\x0c": "换页符",
    "\x0d": "回车符 CR",
    "\x1b": "ESC 转义符",
    "\x7f": "删除符 DEL",
    "\x85": "NEL 换行符",
    "\xa0": "不换行空格",
    "\u2028": "行分隔符",
    "\u2029": "段落分隔符",
    "\ufeff": "BOM 零宽空格",
}


def _char_name(char: str) -> str:
    code = f"U+{ord(char):04X}"
    name = _CHAR_NAMES.get(char)
    return f"{name}（{code}）" if name else code


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
    warnings: list[YamlProblem] = field(default_factory=list)  # e.g. prose cut off by ` #`

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
    message: str  # Chinese, for maintainers
    field: str = ""  # dotted path of the value, when known
    detail: str = ""  # the parser's English text, for developers (build.py --debug)

    def __post_init__(self) -> None:
        if not self.detail:  # "中文 (english tag)" → the tag goes to detail
            message, detail = split_detail(self.message)
            object.__setattr__(self, "message", message)
            object.__setattr__(self, "detail", detail)


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
                    1,
                    1,
                    "文件以 BOM（字节顺序标记）开头；请另存为“UTF-8 无 BOM”编码",
                    detail="BOM found",
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
                    "文件不是 UTF-8 编码（可能是 GBK）；请用 UTF-8 重新保存",
                    detail="invalid UTF-8",
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
                    number,
                    tab + 1,
                    "含有制表符（Tab）；YAML 只能用空格缩进",
                    detail="tab character",
                )
            )
        control = _CONTROL.search(text_line[:-1] if text_line.endswith("\r") else text_line)
        if control:
            problems.append(
                YamlProblem(
                    number,
                    control.start() + 1,
                    f"含有不可见的控制字符 {_char_name(control.group())}"
                    "（常见于从网页或 Word 复制的文字）；请删除",
                    detail="control character",
                )
            )
    if problems:
        raise YamlError(problems)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlError(
            [YamlProblem(1, 1, "文件为空；一条记录至少需要必填字段", detail="empty file")]
        )
    return text


_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INT_TAG, _FLOAT_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_NUMBERISH = frozenset("0123456789+-.")
_NUMBER_DETAIL = "YAML 1.1/1.2 number"
_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]+(?:\.[0-9_]*)?")
_YAML12_ONLY = re.compile(r"[-+]?0o[0-7]+|[-+]?[0-9]+[eE][-+]?[0-9]+")  # numbers only in YAML 1.2
_YAML11_ONLY = re.compile(r"[-+]?0b[01_]+|[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?")  # only in 1.1


def _fast_scalar(tag: str, text: str) -> Any:
    """The common integers and dates without PyYAML's general constructors (same results)."""
    if tag == _INT_TAG and _DECIMAL.fullmatch(text):
        return int(text)
    if tag == "tag:yaml.org,2002:timestamp" and _DAY.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None  # reported by _scalar_value
    return None


def _number_problem(text: str, tag: str, value: Any) -> str | None:
    """Why a plain scalar that looks like a number would change meaning, or None."""
    if _LEADING_ZERO.fullmatch(text):
        digits = text.replace("_", "")
        sign = "-" if digits.startswith("-") else ""
        plain = digits.lstrip("+-").lstrip("0") or "0"
        plain = sign + ("0" + plain if plain.startswith(".") else plain)
        if tag == _INT_TAG:
            read = f"会被读成八进制数 {value}（编辑器读成 {plain}）"
        else:
            read = f"会被编辑器读成数字 {plain}"
        return (
            f"未加引号的 {text} 以 0 开头，{read}，开头的 0 会丢失；"
            f'表示数量请写 {plain}，表示电话、编号等文字请加引号："{text}"'
        )
    if _YAML11_ONLY.fullmatch(text) and tag in (_INT_TAG, _FLOAT_TAG):
        return (
            f"未加引号的 {text} 会被读成数字 {value}，编辑器却把它当作文字；"
            f'表示数量请写成普通的十进制数 {value}，表示文字请加引号："{text}"'
        )
    if _YAML12_ONLY.fullmatch(text) and tag == _STR_TAG:
        return (
            f"未加引号的 {text} 在编辑器里是数字，这里却被读成文字；"
            f'表示数量请写成普通的十进制数，表示文字请加引号："{text}"'
        )
    return None


@lru_cache(maxsize=4096)
def _plain_tag(text: str) -> str:
    """The type YAML guesses for a plain scalar. Most are keys and small values that recur in
    every file (`title`, `type`, `true`, `0`), so the guess is remembered."""
    return _resolver.resolve(ScalarNode, text, (True, False))


def needs_quotes(text: str) -> bool:
    """Whether text written as a plain scalar would not read back as the same text here or in a
    YAML 1.2 editor (`08`, `01062345678`, `1e5`, `yes`, `12`): writers of record files quote it."""
    if _plain_tag(text) != _STR_TAG:
        return True
    return bool(text[:1] in _NUMBERISH and _number_problem(text, _STR_TAG, text))


def _scalar_value(event: yaml.ScalarEvent, problems: list[YamlProblem]) -> tuple[Any, bool]:
    """Construct a scalar as YAML would, but flag what YAML 1.1 and 1.2 read differently."""
    plain = not event.style and event.implicit[0]
    text = event.value
    if event.tag in (None, "!") and plain:
        tag = _plain_tag(text)
    elif event.tag in (None, "!"):
        tag = _STR_TAG
    else:
        tag = event.tag
    if tag == _STR_TAG:
        if plain and text[:1] in _NUMBERISH:
            reason = _number_problem(text, tag, text)
            if reason:
                line, column = _pos(event.start_mark)
                problems.append(YamlProblem(line, column, reason, detail=_NUMBER_DETAIL))
        return text, plain
    fast = _fast_scalar(tag, text)
    if fast is not None:
        return fast, plain
    line, column = _pos(event.start_mark)
    if tag == "tag:yaml.org,2002:timestamp" and _DAY.fullmatch(text):
        problems.append(YamlProblem(line, column, date_advice(text), detail="invalid date"))
        return text, plain
    if tag in ("tag:yaml.org,2002:value", "tag:yaml.org,2002:merge"):
        problems.append(
            YamlProblem(
                line,
                column,
                f'未加引号的 {text} 在 YAML 中有特殊含义；表示文字请加引号："{text}"',
                detail=f"YAML 1.1 {tag.rsplit(':', 1)[-1]}",
            )
        )
        return text, plain
    node = ScalarNode(tag, text, event.start_mark, event.end_mark, style=event.style)
    try:
        value = _constructor.construct_object(node, deep=True)
    except (ConstructorError, ValueError) as exc:
        problems.append(
            YamlProblem(
                line,
                column,
                f'无法识别的值 {text}；表示文字请加引号："{text}"',
                detail=" ".join(str(exc).split()),
            )
        )
        return text, plain
    if tag == "tag:yaml.org,2002:bool" and text.lower() not in _YAML12_BOOLS:
        problems.append(
            YamlProblem(
                line,
                column,
                f"未加引号的 {text} 会被 YAML 读成布尔值 {str(value).lower()}；"
                f'表示是/否请写 true 或 false，表示文字请加引号："{text}"',
                detail="YAML 1.1 boolean",
            )
        )
    elif tag in (_INT_TAG, _FLOAT_TAG) and ":" in text:
        problems.append(
            YamlProblem(
                line,
                column,
                f'未加引号的 {text} 会被 YAML 读成六十进制数 {value}；时间请加引号："{text}"',
                detail="sexagesimal number",
            )
        )
    elif plain and tag in (_INT_TAG, _FLOAT_TAG):
        reason = _number_problem(text, tag, value)
        if reason:
            problems.append(YamlProblem(line, column, reason, detail=_NUMBER_DETAIL))
    return value, plain


def _value_control(event: yaml.ScalarEvent, problems: list[YamlProblem]) -> None:
    """A control character that an escape put into a double-quoted value."""
    found = _VALUE_CONTROL.search(event.value)
    if found is not None:
        line, column = _pos(event.start_mark)
        problems.append(
            YamlProblem(
                line,
                column,
                f"引号里的转义写出了不可见的控制字符 {_char_name(found.group())}；"
                "它会破坏订阅源、日历和导出的表格，请删除这个转义",
                detail="control character from an escape",
            )
        )


def _comment_cut(text: str, end: int) -> int | None:
    """The 0-based index of a `#` after a plain value at `end` that is likely prose, or None.
    A comment written as linters want it (two spaces, `#`, a space) is a comment."""
    index = end
    while index < len(text) and text[index] == " ":
        index += 1
    if index == end or index >= len(text) or text[index] != "#":
        return None
    after = text[index + 1 : index + 2]
    if index - end >= 2 and after in ("", " ", "\n", "\r"):
        return None
    return index


_node = Node._make  # builds from a tuple without a Python-level __new__ call: the hot path

# First characters for which YAML may guess a type other than text; any other plain scalar is text.
_TYPED_STARTS = frozenset(_resolver.yaml_implicit_resolvers)


class _Parse:
    """Builds one document's values and nodes from the event stream.

    The hot path (plain and quoted text in mappings and lists) is kept short: at 100,000 records it
    runs tens of millions of times."""

    def __init__(self) -> None:
        self.problems: list[YamlProblem] = []
        self.warnings: list[YamlProblem] = []
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
            elif value.__class__ is str and ("\u3000" in value or "：" in value):
                self.problems.append(_ime_key(value, node))
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

    def _located(self, before: int, path: Path_ | None) -> None:
        """Name the field in the value problems found since `before`."""
        if path is None or len(self.problems) == before:
            return
        name = ".".join(str(part) for part in path)
        found = [replace(p, field=name) for p in self.problems[before:]]
        if path and path[-1] == "phone" and self.nodes.get(path):  # digits typed bare
            text = self.nodes[path].text
            found = [
                replace(p, message=f'电话号码要加引号：请写成 "{text}"；不加引号时开头的 0 会丢失')
                if p.detail == _NUMBER_DETAIL
                else p
                for p in found
            ]
        self.problems[before:] = found

    def _cut_warning(self, text: str, event: yaml.ScalarEvent, path: Path_ | None) -> None:
        cut = _comment_cut(text, event.end_mark.index)
        if cut is None or path is None:
            return
        end = text.find("\n", cut)
        comment = text[cut : len(text) if end < 0 else end].rstrip("\r")
        line, column = event.end_mark.line + 1, event.end_mark.column + 1
        whole = f"{event.value} {comment}".replace('"', '\\"')
        self.warnings.append(
            YamlProblem(
                line,
                column + cut - event.end_mark.index,
                f"“{comment}”被当作注释，没有成为内容（YAML 中“ #”后面是注释）；"
                f'如果它是内容的一部分，请给整个值加引号："{whole}"；'
                "如果是注释，请在 # 前空两格、后空一格",
                field=".".join(str(part) for part in path),
                detail="comment after plain text",
            )
        )

    def run(self, text: str) -> None:
        problems, place, stack = self.problems, self.place, self.stack
        nodes, keys = self.nodes, self.keys
        scalar_event, end_events = yaml.ScalarEvent, (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        hashes = " #" in text  # only then can a comment cut a value short
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
                    style = event.style
                    plain = not style and event.implicit[0]
                    before = len(problems)
                    if plain and value[:1] in _TYPED_STARTS:  # may be a number, date, bool, null
                        value, plain = _scalar_value(event, problems)
                    elif style == '"' and value:
                        _value_control(event, problems)
                    node = _node((mark.line + 1, mark.column + 1, event.value, plain))
                    if stack and len(problems) == before and not (hashes and plain):
                        # inline `place` for text in a list or as a mapping's value
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
                        if (
                            not frame[3]
                            and value.__class__ is str
                            and "\u3000" not in value
                            and "：" not in value
                        ):  # inline `place` for a plain text key
                            frame[2], frame[3], frame[4] = value, True, node
                            continue
                    path = place(value, node)
                    self._located(before, path)
                    if hashes and plain and value.__class__ is str and value:
                        self._cut_warning(text, event, path)
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
                    before = len(problems)
                    value, plain = _scalar_value(event, problems)
                    if event.style == '"':
                        _value_control(event, problems)
                    self._located(before, place(value, Node(line, column, event.value, plain)))
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
            ime = _ime_lines(text, line) or _flow_cut(text, line)
            if ime:  # the parser stumbles a line later; the cause is on its own line
                problems.extend(ime)
            else:
                problems.append(_syntax_problem(text, line, column, detail))
        except yaml.YAMLError as exc:  # e.g. a reader error on control characters
            mark = getattr(exc, "problem_mark", None)
            line, column = _pos(mark)
            problems.append(
                YamlProblem(
                    line,
                    column,
                    "YAML 无法读取这个文件；请检查该处的字符",
                    detail=" ".join(str(exc).split()),
                )
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
        raise YamlError(
            [YamlProblem(1, 1, "文件为空；一条记录至少需要必填字段", detail="empty file")]
        )
    return Document(state.root, state.nodes, state.keys, state.warnings)


_FULL_WIDTH_SPACE = "全角空格“　”（中文输入法下的空格）"
# A key followed by a full-width colon, possibly as a list item; keys are ASCII field names.
_FULL_WIDTH_COLON = re.compile(r"^[ \u3000]*(?:-[ \u3000]+)?([A-Za-z_][A-Za-z0-9_]*)[ \u3000]*：")
_FULL_WIDTH_INDENT = re.compile(r"^ *\u3000[ \u3000]*")


def _ime_key(key: str, node: Node) -> YamlProblem:
    """A key that carries a full-width space or colon: typed with a Chinese input method on."""
    if "：" in key:
        message = "用了中文冒号“：”；键后面要用英文冒号加空格“: ”"
    else:
        message = f"用了{_FULL_WIDTH_SPACE}；YAML 只认半角空格，缩进请用半角空格"
    detail = "full-width colon in a key" if "：" in key else "full-width space in a key"
    return YamlProblem(node.line, node.column, message, field=key.strip(" \u3000："), detail=detail)


def _ime_lines(text: str, upto: int) -> list[YamlProblem]:
    """Full-width colons after keys and full-width indentation on lines 1..upto."""
    found = []
    for number, line in enumerate(text.split("\n")[:upto], start=1):
        colon = _FULL_WIDTH_COLON.match(line)
        if colon:
            found.append(
                YamlProblem(
                    number,
                    colon.end(),
                    f"这里用了中文冒号“：”；请改成英文冒号加空格：{colon.group(1)}: …",
                    field=colon.group(1),
                    detail="full-width colon",
                )
            )
            continue
        indent = _FULL_WIDTH_INDENT.match(line)
        if indent and line[indent.end() :].strip():
            found.append(
                YamlProblem(
                    number,
                    line.index("\u3000") + 1,
                    f"行首用了{_FULL_WIDTH_SPACE}缩进；YAML 只认半角空格，请改成半角空格",
                    detail="full-width space",
                )
            )
    return found


_FLOW_CUT = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)?:?\s*[\[{][^#\]}]* (#)[^\]}]*[\]}]")


def _flow_cut(text: str, upto: int) -> list[YamlProblem]:
    """A ` #` inside `[...]` or `{...}` on one line: the rest, closing bracket included, became a
    comment, and the parser complains only on a later line."""
    for number, line in enumerate(text.split("\n")[:upto], start=1):
        match = _FLOW_CUT.match(line)
        if match:
            return [
                YamlProblem(
                    number,
                    match.start(2) + 1,
                    "“ #”及后面的内容（连同右括号）被 YAML 当作注释，括号因此没有闭合；"
                    '内容里需要 # 时请给这一项加引号，例如 [研学, "开放日 #暂停"]',
                    field=match.group(1) or "",
                    detail="comment inside a flow collection",
                )
            ]
    return []


_KEY_VALUE = re.compile(r"^( *(?:- +)?)([^\s:#\"'][^:]*?):[ ]+(.*?)\s*$")


def _syntax_problem(text: str, line: int, column: int, detail: str) -> YamlProblem:
    """A parser error in words a maintainer can act on."""
    lines = text.split("\n")
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    match = _KEY_VALUE.match(source.rstrip("\r"))
    if (
        "mapping values are not allowed" in detail
        and match is not None
        and column > match.start(3)
        and not match.group(3).startswith(("'", '"', "[", "{", "|", ">"))
    ):
        value = match.group(3)
        quoted = f"'{value}'" if '"' in value else f'"{value}"'
        return YamlProblem(
            line,
            column,
            f"值里的“冒号+空格”会被 YAML 当成新的键；请给整个值加引号：{match.group(2)}: {quoted}",
            field=match.group(2).strip(),
            detail=detail,
        )
    return YamlProblem(line, column, f"YAML 语法错误：{_explain(detail)}", detail=detail)


_HINTS = [
    (re.compile(r"mapping values are not allowed"), "冒号后缺少空格，或该行缩进不对"),
    (re.compile(r"could not find expected ':'"), "缺少冒号，或上一行的引号没有闭合"),
    (re.compile(r"found character .* that cannot start any token"), "此处有 YAML 不允许的字符"),
    (re.compile(r"did not find expected key"), "缩进不一致，或列表项（- ）与键混在同一层"),
    (re.compile(r"found unexpected end of stream"), "引号或括号没有闭合"),
    (re.compile(r"did not find expected '-' indicator"), "列表项缩进不一致"),
    (re.compile(r"invalid Unicode character escape"), "引号里的 \\u 转义不是有效的字符"),
    (
        re.compile(r"found unknown escape character"),
        "引号里有 YAML 不认识的 \\ 转义；要写反斜杠本身请用单引号",
    ),
]


def _explain(detail: str) -> str:
    for pattern, hint in _HINTS:
        if pattern.search(detail):
            return hint
    return "请检查该行的缩进、冒号和引号"
