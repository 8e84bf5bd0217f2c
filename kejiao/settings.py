"""The catalogue's settings, declared once and typed. They live in mkdocs.yml: the engine's own keys
(site_name, docs_dir, site_dir, site_url) and ours under `extra.catalogue`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .editor.settings import EditorSettings
from .errors import ConfigError
from .printable import printable
from .projectfs import is_inside


class Licence(BaseModel):
    """The licence of the published data."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field("CC-BY-4.0", description="SPDX 标识")
    title: str = Field("知识共享 署名 4.0 国际（CC BY 4.0）", description="名称")
    path: str = Field(
        "https://creativecommons.org/licenses/by/4.0/deed.zh-hans", description="网址"
    )


class LinkCheckSettings(BaseModel):
    """`check-links` behaviour; per-domain rules for sites that refuse robots or HEAD requests."""

    model_config = ConfigDict(extra="forbid")

    timeout: float = Field(10.0, gt=0, description="每次请求的超时（秒）")
    retries: int = Field(2, ge=0, le=5, description="超时或服务器错误时的重试次数")
    concurrency: int = Field(8, ge=1, le=64, description="同时检查的网址数")
    cache_days: int = Field(7, ge=0, description="检查通过的结果缓存几天")
    skip_domains: list[str] = Field(
        default_factory=list, description="不检查的域名（如拒绝程序访问的网站）"
    )
    get_domains: list[str] = Field(
        default_factory=list, description="用 GET 而不是 HEAD 检查的域名"
    )


class CatalogueSettings(BaseModel):
    """Keys under `extra: catalogue:` in mkdocs.yml."""

    model_config = ConfigDict(extra="forbid")

    content_dir: str = Field("content", description="记录所在目录")
    stale_after_days: int = Field(365, ge=1, description="超过多少天未核实即提示")
    organization: str = Field("", description="维护单位，显示在页脚和首页")
    feedback_url: str | None = Field(None, description="纠错与撤回申请的网址")
    licence: Licence = Field(default_factory=Licence, description="开放数据的许可协议")
    link_check: LinkCheckSettings = Field(default_factory=LinkCheckSettings, description="链接检查")
    include_examples: bool = Field(
        True,
        description="是否发布示例记录（example: true）；正式网站设为 false，示例不出现在任何页面和数据中",
    )
    engine: Literal["mkdocs", "zensical"] = Field(
        "mkdocs", description="网站引擎：mkdocs（默认）或 zensical（需另行安装）"
    )
    editor: EditorSettings = Field(default_factory=EditorSettings, description="网页编辑器与申报页")


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True)

    root: Path
    config_file: Path
    site_name: str
    site_url: str  # "" or an absolute URL ending in "/"
    docs_dir: Path
    site_dir: Path
    catalogue: CatalogueSettings
    custom_dir: Path | None = None  # the theme's overrides (theme.custom_dir)

    @property
    def content_dir(self) -> Path:
        return self.root / self.catalogue.content_dir


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may carry engine tags (!ENV, !!python/name:...); we only need plain keys."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data (engine tags read as null)."""
    try:
        raw: Any = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件 {config_file}：{exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"配置文件 {config_file} 不是有效的 YAML：{exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"配置文件 {config_file} 应为键值对")
    return raw


def load_settings(config_file: Path) -> Settings:
    raw = read_config(config_file)
    root = config_file.resolve().parent
    extra = raw.get("extra") or {}
    try:
        catalogue = CatalogueSettings.model_validate(extra.get("catalogue") or {})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{config_file}: extra.catalogue 设置有误：{problems}") from exc
    theme = raw.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    settings = Settings(
        root=root,
        config_file=config_file.resolve(),
        site_name=str(raw.get("site_name") or "科教资源目录"),
        site_url=_site_url(raw.get("site_url")),
        docs_dir=_path(root, raw.get("docs_dir") or "docs"),
        site_dir=_path(root, raw.get("site_dir") or "site"),
        catalogue=catalogue,
        custom_dir=_path(root, custom_dir) if custom_dir else None,
    )
    _check_places(settings)
    return settings


def _path(root: Path, value: Any) -> Path:
    """A configured folder as an absolute path with `..` worked out (links are not followed)."""
    return Path(os.path.normpath(root / str(value)))


def _check_places(settings: Settings) -> None:
    """The folders the build reads must lie inside the project; the folder it replaces must not
    hold, or lie in, anything the project needs (a build replaces the whole site folder)."""
    root = settings.root
    sources = {
        "docs_dir": settings.docs_dir,
        "extra.catalogue.content_dir": settings.content_dir,
    }
    if settings.custom_dir is not None:
        sources["theme.custom_dir"] = settings.custom_dir
    for key, folder in sources.items():
        if not is_inside(folder, root):
            raise ConfigError(
                f"{key}（{printable(str(folder))}）不在项目目录 {printable(str(root))} 中；"
                "为防止把项目以外的文件发布到网站，只能使用项目中的目录"
            )
        if key != "extra.catalogue.content_dir" and folder.resolve() == root.resolve():
            raise ConfigError(
                f"{key} 不能是项目目录本身：其中的全部文件（包括 .git）都会被发布到网站；"
                "请使用单独的目录，例如 docs_dir: docs"
            )
    protected = {
        "项目目录": root,
        "content_dir": settings.content_dir,
        "docs_dir": settings.docs_dir,
        ".git": root / ".git",
        ".build": root / ".build",
    }
    if settings.custom_dir is not None:
        protected["theme.custom_dir"] = settings.custom_dir
    site = settings.site_dir
    for place in {site, site.resolve()}:
        for label, folder in protected.items():
            folder = folder.resolve()
            clash = place == folder or folder.is_relative_to(place)
            if folder != root.resolve():
                clash = clash or place.is_relative_to(folder)
            if clash:
                raise ConfigError(
                    f"site_dir（{printable(str(site))}）不能是、包含或位于{label}"
                    f"（{printable(str(folder))}）：生成网站时会整个替换 site_dir，"
                    "其中原有的文件都会被删除。请使用单独的目录，例如 site_dir: site"
                )


def _site_url(value: Any) -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    if not text.startswith(("http://", "https://")):
        raise ConfigError(f"site_url 应为 http(s) 完整网址：{text}")
    return text.rstrip("/") + "/"
