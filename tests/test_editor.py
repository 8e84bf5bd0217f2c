"""/admin/ and 申报 without a browser: the Decap configuration follows the models, the messages are
the CLI's, the record writer keeps every shipped record exactly, the vendored libraries are the npm
packages' files, and no other page loads any of it."""

from __future__ import annotations

import enum
import hashlib
import json
import re
import shutil
import subprocess
import types
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, TypeAdapter

from kejiao.editor import EditorSettings, site_files
from kejiao.editor.decap import config, config_yaml
from kejiao.editor.fields import REFERENCES, pattern_messages
from kejiao.editor.pages import admin_policy
from kejiao.kinds import KINDS
from kejiao.models import Record
from kejiao.models.common import ID_PATTERN, Time, Url
from kejiao.yamlsafe import parse

from .conftest import ROOT, make_project, run_cli
from .nodejs import run_node_tests

VENDOR = ROOT / "docs" / "editor"
RECORD_YAML = VENDOR / "record-yaml.js"


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type inside Optional/Annotated, and whether None is allowed."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0])[0], True
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return annotation, False


def _check(fields: list[dict], model: type[BaseModel], where: str, optional: bool) -> None:
    """Every model field has a widget of the right shape, in model order (the templates' order)."""
    by_name = {f["name"]: f for f in fields}
    names = [info.alias or name for name, info in model.model_fields.items()]
    if issubclass(model, Record):  # the kind's own fields first, bookkeeping last (as schemas/)
        names = [n for n in names if n not in Record.model_fields] + list(Record.model_fields)
    assert [f["name"] for f in fields if f["name"] != "id"] == [n for n in names if n in by_name], (
        where
    )
    for name, info in model.model_fields.items():
        key = info.alias or name
        assert key in by_name, f"{where}{key} has no widget"
        field = by_name[key]
        inner, nullable = _unwrap(info.annotation)
        assert field["required"] == (info.is_required() and not nullable and not optional), (
            where + key
        )
        if typing.get_origin(inner) is list:
            item, _ = _unwrap(typing.get_args(inner)[0])
            if isinstance(item, type) and issubclass(item, enum.Enum):
                assert field["widget"] == "select" and field["multiple"], where + key
                assert field["options"] == [m.value for m in item], where + key
            elif isinstance(item, type) and issubclass(item, BaseModel):
                assert field["widget"] == "list", where + key
                _check(field["fields"], item, f"{where}{key}[].", False)
            elif key in REFERENCES:
                assert field["widget"] == "relation" and field["multiple"], where + key
                assert field["collection"] == REFERENCES[key], where + key
            else:
                assert field["widget"] == "list", where + key
        elif isinstance(inner, type) and issubclass(inner, enum.Enum):
            assert field["widget"] == "select", where + key
            assert field["options"] == [m.value for m in inner], where + key
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            assert field["widget"] == "object", where + key
            _check(field["fields"], inner, f"{where}{key}.", optional or nullable)
        elif key in REFERENCES:
            assert field["widget"] == "relation" and not field["multiple"], where + key
        elif key in ("region",):
            assert field["widget"] == "kj-region", where + key


def test_the_configuration_follows_the_models() -> None:
    generated = config(EditorSettings())
    collections = {c["name"]: c for c in generated["collections"]}
    assert list(collections) == [kind.folder for kind in KINDS.values()]
    for kind in KINDS.values():
        collection = collections[kind.folder]
        assert collection["folder"] == f"content/{kind.folder}"
        assert collection["extension"] == "yml"
        assert collection["slug"] == "{{id}}"
        assert collection["fields"][0]["name"] == "id"
        assert collection["fields"][0]["pattern"][0] == ID_PATTERN
        _check(collection["fields"], kind.model, f"{kind.name}: ", False)


def test_every_id_field_is_a_reference() -> None:
    """A new field holding a record id must be added to REFERENCES to get a picker."""
    schemas = json.dumps(
        [json.loads((ROOT / "schemas" / f"{k}.schema.json").read_text()) for k in KINDS]
    )
    id_fields = set()
    for kind in KINDS.values():
        for model in [kind.model, *_submodels(kind.model)]:
            for name, info in model.model_fields.items():
                inner, _ = _unwrap(info.annotation)
                if typing.get_origin(inner) is list:
                    inner, _ = _unwrap(typing.get_args(inner)[0])
                metadata = [m for m in getattr(info, "metadata", [])]
                text = repr(info.annotation) + repr(metadata)
                if "Id" in text or ID_PATTERN in text:
                    id_fields.add(info.alias or name)
    assert ID_PATTERN.replace("\\", "\\\\") in schemas
    assert id_fields and id_fields <= set(REFERENCES), id_fields - set(REFERENCES)


def _submodels(model: type[BaseModel]) -> list[type[BaseModel]]:
    out = []
    for info in model.model_fields.values():
        inner, _ = _unwrap(info.annotation)
        if typing.get_origin(inner) is list:
            inner, _ = _unwrap(typing.get_args(inner)[0])
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            out += [inner, *_submodels(inner)]
    return out


def test_the_shipped_configuration_is_the_generated_one(shipped_site: Path) -> None:
    shipped = (shipped_site / "admin" / "config.yml").read_text(encoding="utf-8")
    assert shipped == config_yaml(EditorSettings())
    assert yaml.safe_load(shipped)["publish_mode"] == "editorial_workflow"


def test_backends_per_forge() -> None:
    github = config(
        EditorSettings(repository_url="https://github.com/kx/ml", auth_url="https://auth.kx.org")
    )
    assert github["backend"] | {"commit_messages": None} == {
        "name": "github", "repo": "kx/ml", "branch": "main", "base_url": "https://auth.kx.org",
        "commit_messages": None,
    }  # fmt: skip
    gitlab = config(EditorSettings(repository_url="https://gitlab.com/kx/sub/ml", app_id="abc"))
    assert gitlab["backend"]["repo"] == "kx/sub/ml" and gitlab["backend"]["auth_type"] == "pkce"
    gitea = config(EditorSettings(repository_url="https://codeberg.org/kx/ml", app_id="abc"))
    assert gitea["backend"]["api_root"] == "https://codeberg.org/api/v1"
    assert "https://auth.kx.org" in admin_policy(
        EditorSettings(repository_url="https://github.com/kx/ml", auth_url="https://auth.kx.org")
    )
    assert "https://api.github.com" in admin_policy(
        EditorSettings(repository_url="https://github.com/kx/ml")
    )


def test_form_messages_are_the_clis(project, capsys) -> None:
    """A record with a bad region, time, URL and id reference: the CLI prints the very words the
    forms show."""
    root = make_project(project().parent / "p", ROOT / "content")
    bad = (ROOT / "content" / "bases").glob("*.yml")
    source = next(
        p
        for p in bad
        if "opening_hours" in (t := p.read_text(encoding="utf-8")) and "website: http" in t
    )
    text = source.read_text(encoding="utf-8")
    text = re.sub(r'region: "\d{6}"', 'region: "11010"', text, count=1)
    text = re.sub(r'opens: "\d\d:\d\d"', 'opens: "9:00"', text, count=1)
    text = re.sub(r"website: https?://", "website: www.", text, count=1)
    (root / "content" / "bases" / source.name).write_text(text, encoding="utf-8")
    code, out = run_cli(capsys, root, "validate", "--today", "2026-11-22")
    assert code == 1
    messages = pattern_messages()
    assert messages["^\\d{6}$"] in out
    assert messages[TypeAdapter(Time).json_schema()["pattern"]] in out
    assert messages[TypeAdapter(Url).json_schema()["pattern"]] in out


@pytest.mark.skipif(not shutil.which("node"), reason="需要 node")
def test_the_record_writer_keeps_every_shipped_record() -> None:
    """Every shipped record, written by record-yaml.js (what /admin/ and 申报 save), reads back as
    the same data; the $schema modeline comes first."""
    records = []
    for kind in KINDS.values():
        for path in sorted((ROOT / "content" / kind.folder).glob("*.yml")):
            data = parse(path.read_text(encoding="utf-8")).data
            records.append({"kind": kind.name, "path": str(path), "data": _jsonable(data)})
    script = (
        RECORD_YAML.read_text(encoding="utf-8")
        + "\nconst input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        + "\nprocess.stdout.write(JSON.stringify(input.records.map(r => "
        + "RecordYaml.dump(r.kind, r.data, input.schemas[r.kind]))));"
    )
    written = _node_over_records(script, records)
    assert len(written) == len(records) > 50
    for record, text in zip(records, written, strict=True):
        assert text.startswith(
            f"# yaml-language-server: $schema=../../schemas/{record['kind']}.schema.json\n"
        )
        assert _jsonable(parse(text).data) == _drop_defaults(record["data"]), record["path"]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _drop_defaults(value: Any) -> Any:
    """What the writer leaves out on purpose: empty values and `false` flags that default to false."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            v = _drop_defaults(v)
            if v in (None, "", [], {}) or (k in ("example", "vocational") and v is False):
                continue
            out[k] = v
        return out
    if isinstance(value, list):
        return [_drop_defaults(v) for v in value]
    return value


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_vendored_libraries_are_the_pinned_npm_files() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    ajv = (VENDOR / "ajv2020.min.js").read_text(encoding="utf-8")
    assert ajv.startswith(f"/* ajv {lock['node_modules/ajv-dist']['version']} (ajv2020)")
    jsyaml = (VENDOR / "js-yaml.min.js").read_text(encoding="utf-8")
    assert f"js-yaml {lock['node_modules/js-yaml']['version']} " in jsyaml[:200]
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    for name, version in {**package["dependencies"], **package["devDependencies"]}.items():
        assert lock[f"node_modules/{name}"]["version"] == version, name
    modules = ROOT / "node_modules"
    if not modules.is_dir():
        pytest.skip("node_modules 未安装（npm ci）：只核对了版本号")
    assert _sha(VENDOR / "ajv2020.min.js") == _sha(modules / "ajv-dist/dist/ajv2020.min.js")
    assert _sha(VENDOR / "js-yaml.min.js") == _sha(modules / "js-yaml/dist/js-yaml.min.js")
    decap = VENDOR / "decap" / "decap-cms.js"
    if decap.is_file():
        assert _sha(decap) == _sha(modules / "decap-cms/dist/decap-cms.js")


def test_only_the_editor_pages_load_the_editor(shipped_site: Path) -> None:
    for page in shipped_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        rel = page.relative_to(shipped_site).as_posix()
        if rel in ("admin/index.html", "shenbao/index.html"):
            continue
        assert not re.search(r'<script[^>]*src="[^"]*\beditor/', html), rel
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
        assert policy and "unsafe-eval" not in policy.group(1), rel


def test_the_editor_pages_carry_their_own_policy(shipped_site: Path) -> None:
    for rel, style in (
        ("admin/index.html", "style-src 'self' 'unsafe-inline'"),
        ("shenbao/index.html", "style-src 'self';"),
    ):
        html = (shipped_site / rel).read_text(encoding="utf-8").replace("&#39;", "'")
        policies = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
        assert len(policies) == 1, rel
        assert "script-src 'self' 'unsafe-eval';" in policies[0], rel
        assert style in policies[0] and "object-src 'none'" in policies[0], rel
    files = site_files(type("C", (), {"site_name": "目录", "editor": EditorSettings()})())
    assert "admin/index.html" in files and "shenbao/index.html" in files


@pytest.mark.skipif(not shutil.which("node"), reason="需要 node")
def test_the_comment_keeping_merge_passes_its_node_tests() -> None:
    """tests/js/record-merge.test.js: what /admin/ writes when it saves an existing record."""
    run_node_tests("tests/js/record-merge.test.js")


@pytest.mark.skipif(not shutil.which("node"), reason="需要 node")
def test_merged_records_read_the_same_in_python() -> None:
    """Every shipped record with a comment added and one field changed to a value YAML 1.1 would
    misread: the project's own reader sees the new value, the other fields and the comment."""
    records = []
    for kind in KINDS.values():
        for path in sorted((ROOT / "content" / kind.folder).glob("*.yml")):
            records.append({"kind": kind.name, "text": path.read_text(encoding="utf-8")})
    script = (
        "globalThis.jsyaml = require('./docs/editor/js-yaml.min.js');"
        "require('./docs/editor/record-yaml.js'); require('./docs/editor/record-merge.js');"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const load = t => jsyaml.load(t, {schema: jsyaml.CORE_SCHEMA});"
        "process.stdout.write(JSON.stringify(input.records.map(r => {"
        "  const doc = input.schemas[r.kind];"
        "  const text = r.text.replace(/\\n(\\w+):/, '\\n# 手写的说明\\n$1:');"
        "  const data = load(text); data[Object.keys(data)[0]] = '09:00';"
        "  return RecordMerge.merge(r.kind, text, RecordYaml.clean(data, doc, doc), doc);"
        "})));"
    )
    written = _node_over_records(script, records)
    assert len(written) == len(records) > 50
    for record, text in zip(records, written, strict=True):
        before = parse(record["text"]).data
        after = parse(text).data
        first = next(iter(before))
        assert after == {**before, first: "09:00"}, text
        # Byte for byte: the comment added, the first field's line changed, nothing else.
        commented = re.sub(r"\n(\w+):", "\n# 手写的说明\n\\1:", record["text"], count=1)
        expected = re.sub(rf"^{first}: .*$", f'{first}: "09:00"', commented, count=1, flags=re.M)
        assert text == expected


def _node_over_records(script: str, records: list[dict]) -> list[str]:
    """What `script` (run by node from the project root) writes for `records`, given with every
    kind's JSON Schema on its standard input."""
    schemas = {k: json.loads((ROOT / "schemas" / f"{k}.schema.json").read_text()) for k in KINDS}
    result = subprocess.run(
        ["node", "-e", script],
        cwd=ROOT,
        input=json.dumps({"records": records, "schemas": schemas}),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)
