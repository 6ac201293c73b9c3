"""Where a page links to: server routes when served, relative files in the static site.

Pages never write a URL by hand; they ask a :class:`Links`, so one template serves both the
live app (``/node/teryt:2261011?lang=en``) and the static build
(``../en/node/teryt_2261011.html``), and the static site works from any folder, web server or
straight from disk.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import quote, urlencode

from partnergraph.viz.i18n import Lang

__all__ = ["Links", "page_file", "uid_file"]

Mode = Literal["live", "static"]


def uid_file(uid: str) -> str:
    """A file name for a uid: ``:`` is not safe in relative URLs (it reads as a scheme) nor
    on every file system, and ``_`` never occurs in a uid, so the mapping is reversible."""
    return uid.replace(":", "_") + ".html"


def page_file(page: str, uid: str | None = None) -> str:
    """The static site's file for a page, relative to the language root."""
    if page == "home":
        return "index.html"
    if uid is not None:
        return f"{page}/{uid_file(uid)}"
    return f"{page}.html"


@dataclass(frozen=True)
class Links:
    """URL builder for one rendered page.

    ``depth`` is how many folders below the site root the page's own file lies (static mode),
    so that relative links resolve wherever the site is put.
    """

    lang: Lang = "pl"
    mode: Mode = "live"
    embed: bool = False
    depth: int = 0

    @property
    def root(self) -> str:
        return "/" if self.mode == "live" else "../" * self.depth or "./"

    def _live(self, path: str, params: dict[str, str | int | None] | None = None) -> str:
        query: dict[str, str | int] = {k: v for k, v in (params or {}).items() if v is not None}
        if self.lang != "pl":
            query["lang"] = self.lang
        if self.embed:
            query["embed"] = 1
        return path + ("?" + urlencode(query) if query else "")

    def _static(self, page: str, uid: str | None = None, lang: Lang | None = None) -> str:
        prefix = "en/" if (lang or self.lang) == "en" else ""
        return f"{self.root}{prefix}{page_file(page, uid)}"

    def home(self, **params: str | int | None) -> str:
        return self._live("/", params) if self.mode == "live" else self._static("home")

    def node(self, uid: str) -> str:
        if self.mode == "live":
            return self._live("/node/" + quote(uid, safe=":"))
        return self._static("node", uid)

    def priority(self, uid: str) -> str:
        if self.mode == "live":
            return self._live("/priority/" + quote(uid, safe=":"))
        return self._static("priority", uid)

    def page(self, name: str, **params: str | int | None) -> str:
        """``erb``, ``path``, ``gaps``, ``clusters`` or ``priorities``."""
        if self.mode == "live":
            return self._live("/" + name, params)
        return self._static(name)

    def asset(self, path: str) -> str:
        return f"{self.root}static/{path}"

    def data_script(self, name: str) -> str:
        """A generated script (search index, graph for paths): a route live, a file static."""
        return f"/site/{name}" if self.mode == "live" else f"{self.root}site/{name}"

    def other_lang(self) -> Links:
        return replace(self, lang="en" if self.lang == "pl" else "pl")

    def url_for(self, page: str, uid: str | None = None, **params: str | int | None) -> str:
        """Any page by name: ``home``, ``node``/``priority`` (with ``uid``), or the others."""
        if page == "home":
            return self.home(**params)
        if page in ("node", "priority") and uid is not None:
            return self.node(uid) if page == "node" else self.priority(uid)
        return self.page(page, **params)

    def switch_lang(self, page: str, uid: str | None = None, **params: str | int | None) -> str:
        """The same page in the other language."""
        return self.other_lang().url_for(page, uid, **params)

    def full_page(self, page: str, uid: str | None = None, **params: str | int | None) -> str:
        """The same page with its header and navigation (from an embedded view)."""
        return replace(self, embed=False).url_for(page, uid, **params)
