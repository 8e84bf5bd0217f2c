"""The generated files of /admin/ and /shenbao/ (申报): the two pages, the Decap configuration and
the JSON Schemas the pages load. Their scripts and the vendored libraries are plain files in
docs/editor/ (published as they are; see scripts/vendor_cms.sh), so the site build never reads
megabytes of JavaScript and the generated output stays small."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..kinds import KINDS
from ..opendata.columns import columns
from ..schemas import schema_text
from .decap import FORMAT_PREFIX, config_yaml
from .fields import hint, label, messages, pattern_messages, rule_messages
from .settings import EditorSettings

HERE = Path(__file__).parent
ASSETS = "editor/"  # site folder of the scripts: docs/editor/ in the repository
DECAP = "decap/decap-cms.js"  # in ASSETS, installed by scripts/vendor_cms.sh
DIVISIONS = "app/divisions.json"  # published by the site (render/appdata.py)
# The kinds a venue or organiser can propose on the 申报 page.
APPLY_KINDS = ("course", "base", "topic_list")
_ENV = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)


def _policy(*, script: str, style: str, connect: list[str], img: str = "'self' data:") -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {script}",
            f"style-src {style}",
            f"img-src {img}",
            "font-src 'self' data:",
            "connect-src " + " ".join(["'self'", *connect]),
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def _api_origins(settings: EditorSettings) -> list[str]:
    """Where the editor talks to: the forge's API and, for tests and local work, decap-server."""
    out = []
    forge = settings.forge_name
    if forge == "github":
        host = settings.host or ""
        out.append("https://api.github.com" if host == "https://github.com" else host)
    elif forge in ("gitlab", "gitea") and settings.host:
        out.append(settings.host)
    if settings.auth_url:
        parts = urlsplit(settings.auth_url)
        out.append(f"{parts.scheme}://{parts.netloc}")
    if settings.local_backend:
        parts = urlsplit(settings.local_backend)
        out.append(f"{parts.scheme}://{parts.netloc}")
    return list(dict.fromkeys(out))


def admin_policy(settings: EditorSettings) -> str:
    # Decap compiles its configuration schema with ajv (new Function: 'unsafe-eval') and styles its
    # React components with emotion (<style> elements: 'unsafe-inline'); previews use blob: images.
    return _policy(
        script="'self' 'unsafe-eval'",
        style="'self' 'unsafe-inline'",
        connect=_api_origins(settings),
        img="'self' data: blob:",
    )


APPLY_POLICY = _policy(
    # ajv compiles each JSON Schema to a function ('unsafe-eval'); nothing is fetched from elsewhere.
    script="'self' 'unsafe-eval'",
    style="'self'",
    connect=[],
)


def _form_spec(kind: str) -> dict:
    """What the 申报 page needs to draw and check one kind's form."""
    doc = json.loads(schema_text(kind))
    labels: dict[str, str] = {}
    hints: dict[str, str] = {}

    def walk(node: dict, prefix: str) -> None:
        from .fields import resolve

        node, _ = resolve(doc, node)
        if node.get("type") == "array":
            walk(node.get("items", {}), prefix)
            return
        for name, raw in node.get("properties", {}).items():
            target, _ = resolve(doc, raw)
            path = prefix + name
            labels[path] = label(kind, path, target)
            if hint(target) and hint(target) != labels[path]:
                hints[path] = hint(target)
            if prefix.count(".") < 3:
                walk(target, path + ".")

    walk(doc, "")
    sheet = [
        {"path": c.path, "header": c.header, "shape": c.shape}
        for c in columns(kind)
        if c.path != "id"
    ]
    return {
        "kind": kind,
        "label": KINDS[kind].label,
        "folder": KINDS[kind].folder,
        "title_field": KINDS[kind].model.title_field,
        "labels": labels,
        "hints": hints,
        "columns": [{"path": "id", "header": "编号", "shape": "scalar"}, *sheet],
    }


def _new_file_link(settings: EditorSettings) -> dict | None:
    """The forge's "new file" page, where it takes a prefilled name and content ({dir}, {name},
    {value} are filled in by the page): GitHub, and Gitea/Forgejo since 1.15. GitLab ignores such
    parameters and Gitee has none: there the page offers the file to upload."""
    if not settings.repository_url:
        return None
    forge = settings.forge_name
    base = settings.repository_url
    branch = settings.branch
    if forge == "github":
        return {
            "forge": "GitHub",
            "url": f"{base}/new/{branch}?filename={{dir}}{{name}}&value={{value}}",
        }
    if forge == "gitea":
        return {
            "forge": "Gitea",
            "url": f"{base}/_new/{branch}/{{dir}}?filename={{name}}&value={{value}}",
        }
    return None


def apply_page(site_name: str, settings: EditorSettings) -> str:
    data = {
        "kinds": {kind: _form_spec(kind) for kind in APPLY_KINDS},
        "messages": messages(),
        "patterns": pattern_messages(),
        "rules": rule_messages(),
        "schemas": f"../{ASSETS}schemas/",
        "divisions": f"../{DIVISIONS}",
        "new_file": _new_file_link(settings),
    }
    return _ENV.get_template("shenbao.html").render(
        site_name=site_name,
        policy=APPLY_POLICY,
        data=json.dumps(data, ensure_ascii=False).replace("</", "<\\/"),
        assets=f"../{ASSETS}",
        kinds=[(kind, KINDS[kind].label) for kind in APPLY_KINDS],
        forge=(data["new_file"] or {}).get("forge"),
    )


def admin_page(site_name: str, settings: EditorSettings) -> str:
    data = {
        "configured": bool(settings.repo and settings.forge_name not in (None, "gitee")),
        "kinds": list(KINDS),
        "format_prefix": FORMAT_PREFIX,
        "schemas": f"../{ASSETS}schemas/",
        "divisions": f"../{DIVISIONS}",
    }
    return _ENV.get_template("admin.html").render(
        site_name=site_name,
        policy=admin_policy(settings),
        data=json.dumps(data, ensure_ascii=False).replace("</", "<\\/"),
        assets=f"../{ASSETS}",
        decap=DECAP,
    )


def site_files(site_name: str, settings: EditorSettings) -> dict[str, str]:
    files = {
        "admin/index.html": admin_page(site_name, settings),
        "admin/config.yml": config_yaml(settings),
        "shenbao/index.html": apply_page(site_name, settings),
    }
    for kind in KINDS:
        files[f"{ASSETS}schemas/{kind}.schema.json"] = schema_text(kind)
    return files
