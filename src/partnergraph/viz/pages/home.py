"""The home page: search with suggestions, headline figures, the views."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from partnergraph.graph.store import GraphStore
from partnergraph.model import NodeLabel
from partnergraph.queries.membership import members_on
from partnergraph.queries.search import only_stopwords
from partnergraph.queries.search import search as search_query
from partnergraph.viz.i18n import label_name, t
from partnergraph.viz.i18n_places import shown_name
from partnergraph.viz.links import Links
from partnergraph.viz.pages.common import (
    ERB_UID,
    node_link,
)
from partnergraph.viz.render import Page

__all__ = ["Figure", "Hit", "home_page"]


@dataclass
class Figure:
    value: int
    label: str
    url: str


@dataclass
class Hit:
    uid: str
    name: str
    label: str
    url: str
    #: type and powiat of a gmina, in the page's language: tells apart gminy of one name
    detail: str | None = None
    #: the native name beside a translated one, or "en" for a name stored only in English
    native: str | None = None
    name_lang: str | None = None


def home_page(store: GraphStore, links: Links, query: str | None = None) -> Page:
    lang = links.lang
    counts = store.counts().nodes
    today = dt.date.today()
    members = [m for m in members_on(store, ERB_UID, today) if m.status == "active"]
    gminy = sum(1 for node in store.nodes(NodeLabel.MUNICIPALITY) if node.uid.startswith("teryt:"))
    figures = [
        Figure(len(members), t("fig_members", lang), links.page("erb")),
        Figure(gminy, t("fig_gminy", lang), links.page("gaps")),
        Figure(counts.get("Project", 0), t("fig_projects", lang), links.page("clusters")),
        Figure(counts.get("Priority", 0), t("fig_priorities", lang), links.page("priorities")),
    ]
    hits: list[Hit] | None = None
    # "of the" alone is refused by the query layer; the page says why instead of failing
    stopwords = query is not None and only_stopwords(query[:200])
    if query:
        answer = (
            search_query(store, query[:200], lang=lang, limit=50)
            if query.strip() and not stopwords
            else None
        )
        hits = [
            Hit(
                h.node.uid,
                shown.text,
                label_name(h.node.label.value, lang),
                node_link(links)(h.node) or "",
                h.detail,
                shown.native,
                shown.lang,
            )
            for h in (answer.results if answer else [])
            for shown in [shown_name(h.node, lang)]
        ]
    views = [
        (links.page("erb"), t("nav_erb", lang), t("view_erb", lang)),
        (links.page("priorities"), t("nav_priorities", lang), t("view_priorities", lang)),
        (links.page("path"), t("nav_path", lang), t("view_path", lang)),
        (links.page("gaps"), t("nav_gaps", lang), t("view_gaps", lang)),
        (links.page("clusters"), t("nav_clusters", lang), t("view_clusters", lang)),
    ]
    return Page(
        template="home.html",
        title=t("nav_home", lang),
        page="home",
        params={"q": query} if query else {},
        context={
            "figures": figures,
            "hits": hits,
            "query": query or "",
            "stopwords": stopwords,
            "views": views,
            "uses_search": True,
        },
    )
