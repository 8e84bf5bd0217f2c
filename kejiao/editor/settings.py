"""Settings of the browser editor (/admin/) and the 申报 page, under `extra.catalogue.editor` in
mkdocs.yml. Kept apart from kejiao.settings so that module only has to name the model."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

Forge = Literal["github", "gitlab", "gitea", "gitee"]


class EditorSettings(BaseModel):
    """Where the records live and how the editor signs in."""

    model_config = ConfigDict(extra="forbid")

    repository_url: str | None = Field(
        None,
        description="仓库网址，例如 https://github.com/kexie/kejiao-mulu；填写后启用 /admin/ 编辑器和申报页的“在线提交”链接",
    )
    branch: str = Field("main", min_length=1, description="记录所在的分支")
    forge: Forge | None = Field(
        None, description="代码托管平台：github / gitlab / gitea / gitee；不填时按仓库网址判断"
    )
    auth_url: str | None = Field(
        None,
        description="GitHub 或 Gitea 登录所用的 OAuth 代理网址（Decap 的 base_url），例如 https://auth.example.org",
    )
    app_id: str | None = Field(
        None, description="GitLab 或 Gitea 的 OAuth 应用 ID（用 PKCE 登录，不需要代理）"
    )
    editorial_workflow: bool = Field(
        True, description="保存时先开合并请求（编辑流程），审核后再合并；false 时直接提交到分支"
    )
    local_backend: str | None = Field(
        "http://localhost:8081/api/v1",
        description="在本机（localhost）打开 /admin/ 时使用的 decap-server 地址；设为 null 关闭",
    )

    @field_validator("repository_url", "auth_url", "local_backend")
    @classmethod
    def _http(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip().rstrip("/")
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("应为 http:// 或 https:// 开头的完整网址")
        return value

    @field_validator("repository_url")
    @classmethod
    def _repo_path(cls, value: str | None) -> str | None:
        if value is not None and len([p for p in urlsplit(value).path.split("/") if p]) < 2:
            raise ValueError(
                "仓库网址应包含所有者和仓库名，例如 https://github.com/kexie/kejiao-mulu"
            )
        return value.removesuffix(".git") if value else value

    @property
    def repo(self) -> str | None:
        """owner/name (GitLab groups may nest: group/sub/name)."""
        if not self.repository_url:
            return None
        return urlsplit(self.repository_url).path.strip("/")

    @property
    def host(self) -> str | None:
        if not self.repository_url:
            return None
        parts = urlsplit(self.repository_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def forge_name(self) -> Forge | None:
        if self.forge or not self.repository_url:
            return self.forge
        netloc = urlsplit(self.repository_url).netloc.lower()
        if netloc in ("github.com", "www.github.com"):
            return "github"
        if "gitlab" in netloc:
            return "gitlab"
        if netloc.endswith("gitee.com"):
            return "gitee"  # no Decap backend: the editor stays off, 申报 offers the file only
        return "gitea"  # Gitea, Forgejo and Codeberg
