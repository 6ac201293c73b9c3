"""What every page builder shares: year variants, sources, links to nodes, sections."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from markupsafe import Markup

from partnergraph.graph.store import GraphStore
from partnergraph.ingest.workspace import KEEP_EU_SOURCE
from partnergraph.model import Node, NodeLabel, PropValue
from partnergraph.queries.answers import SourceRef
from partnergraph.viz.i18n import Lang, t
from partnergraph.viz.i18n_places import ShownName, shown_name
from partnergraph.viz.links import Links
from partnergraph.viz.render import Page

__all__ = [
    "ERB_UID",
    "FIRST_YEAR",
    "ShownName",
    "SourceRef",
    "Variant",
    "Variants",
    "build_variants",
    "credits_for",
    "error_page",
    "mark_names",
    "name_lookup",
    "name_marks",
    "node_link",
    "not_found_page",
    "parse_year",
    "section",
    "show_value",
    "sources_for",
    "span",
    "year_date",
    "year_range",
]


log = logging.getLogger(__name__)


def name_marks(store: GraphStore, lang: Lang, uids: Iterable[str]) -> dict[str, str]:
    """Stored names of the nodes ``uids`` (those a page's sentences quote) that a page in
    ``lang`` must mark: name → ``lang`` value ("en", a name stored only in English on a Polish
    page) or "" (a native name in another script, marked ``data-native-name``). Read in one
    call: a page asks for the nodes it shows, never for the whole graph."""
    marks: dict[str, str] = {}
    for node in store.get_nodes(uids).values():
        shown = shown_name(node, lang)
        if shown.native == node.name:
            marks[node.name] = ""
        elif shown.lang and shown.text == node.name:
            marks[node.name] = shown.lang
    return marks


def mark_names(text: str, marks: dict[str, str]) -> Markup:
    """``text`` (a generated sentence that quotes stored names) as HTML, each name of
    ``marks`` in it wrapped in a ``lang`` or ``data-native-name`` span."""
    found = [name for name in marks if name and name in text]
    if not found:
        return Markup.escape(text)
    pattern = re.compile("|".join(re.escape(name) for name in sorted(found, key=len, reverse=True)))
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        parts.append(Markup.escape(text[last : match.start()]))
        name = match.group(0)
        mark = marks[name]
        attr = f'lang="{mark}"' if mark else f'data-native-name="{Markup.escape(name)}"'
        parts.append(Markup(f"<span {attr}>{Markup.escape(name)}</span>"))
        last = match.end()
    parts.append(Markup.escape(text[last:]))
    return Markup("").join(parts)


def name_lookup(
    store: GraphStore, lang: Lang, prefetch: Iterable[str] = ()
) -> Callable[[str, str], ShownName]:
    """``shown(uid, fallback)``: the name of node ``uid`` to show in ``lang``
    (:func:`~partnergraph.viz.i18n_places.shown_name`, with its native name or English mark),
    for templates that hold only a reference (``NodeRef``); the ``named`` macro renders it.
    The nodes of ``prefetch`` are read in one call (one round trip on Neo4j), the rest one
    by one as asked."""
    cache: dict[str, ShownName] = {
        uid: shown_name(node, lang) for uid, node in store.get_nodes(prefetch).items()
    }

    def shown(uid: str, fallback: str = "") -> ShownName:
        if uid not in cache:
            node = store.get_nodes([uid]).get(uid)
            cache[uid] = shown_name(node, lang) if node else ShownName(fallback or uid)
        return cache[uid]

    return shown


ERB_UID = "network:euroregion-baltic"
#: The year sliders start here: the Euroregion Baltic was founded in February 1998.
FIRST_YEAR = 1998

T = TypeVar("T")


@dataclass
class Variant(Generic[T]):
    """One distinct answer and the years (``"all"`` for no date) it holds for."""

    index: int
    years: list[str]
    data: T


@dataclass
class Variants(Generic[T]):
    id: str
    years: list[int]
    selected: str
    items: list[Variant[T]] = field(default_factory=list)

    @property
    def year_map(self) -> dict[str, int]:
        return {year: v.index for v in self.items for year in v.years}

    @property
    def selected_index(self) -> int:
        return self.year_map.get(self.selected, 0)


def year_range(today: dt.date | None = None) -> list[int]:
    today = today or dt.date.today()
    return list(range(FIRST_YEAR, today.year + 1))


def year_date(year: int, today: dt.date | None = None) -> dt.date:
    """ "As of year Y" means the end of Y, or today for the current year."""
    today = today or dt.date.today()
    return today if year >= today.year else dt.date(year, 12, 31)


def build_variants(
    variant_id: str,
    compute: Callable[[dt.date | None], T],
    signature: Callable[[T], Hashable],
    *,
    selected: str,
    include_all: bool,
) -> Variants[T]:
    """Compute an answer per year (and for "all years"), keeping each distinct one once."""
    years = year_range()
    variants: Variants[T] = Variants(id=variant_id, years=years, selected=selected)
    seen: dict[Hashable, Variant[T]] = {}
    keys: list[tuple[str, dt.date | None]] = [(str(y), year_date(y)) for y in years]
    if include_all:
        keys.append(("all", None))
    for key, at in keys:
        data = compute(at)
        sig = signature(data)
        if sig in seen:
            seen[sig].years.append(key)
            continue
        variant = Variant(index=len(variants.items), years=[key], data=data)
        seen[sig] = variant
        variants.items.append(variant)
    return variants


def parse_year(value: str | None, *, default: str) -> str:
    if value is None or value == "":
        return default
    if value == "all":
        return "all"
    try:
        year = int(value[:4])
    except ValueError:
        return default
    years = year_range()
    return str(min(max(year, years[0]), years[-1]))


def sources_for(store: GraphStore, ids: Sequence[str]) -> list[SourceRef]:
    """Expand source ids into citable references, in first-seen order."""
    unique = list(dict.fromkeys(ids))
    found = store.get_nodes(f"source:{sid}" for sid in unique)
    return [SourceRef.of(sid, found.get(f"source:{sid}")) for sid in unique]


def show_value(value: PropValue) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


def node_link(links: Links) -> Callable[[Node], str | None]:
    def link(node: Node) -> str | None:
        if node.label == NodeLabel.PRIORITY:
            return links.priority(node.uid)
        return links.node(node.uid)

    return link


def span(start: str | None, end: str | None) -> str:
    return f"{start or '…'} – {end or '…'}" if (start or end) else ""


def section(failed: list[str], name: str, compute: Callable[[], T]) -> T | None:
    """One part of a page; if its query fails the rest of the page is still shown (and the
    failure logged), rather than the whole page becoming an error."""
    try:
        return compute()
    except Exception:
        log.exception("page section %s failed", name)
        failed.append(name)
        return None


def not_found_page(uid: str, links: Links) -> Page:
    return Page(
        template="not_found.html",
        title=t("not_found", links.lang),
        page="home",
        status=404,
        context={"uid": uid},
    )


def error_page(message: str, links: Links) -> Page:
    return Page(
        template="error.html",
        title=t("error", links.lang),
        page="home",
        status=400,
        context={"message": message},
    )


def credits_for(store: GraphStore) -> list[str]:
    """Translation keys of the credits the graph's sources ask every page for: keep.eu's
    terms require credit, a link and a statement of changes wherever its data is used."""
    found = store.get_nodes([f"source:{KEEP_EU_SOURCE}"])
    return ["credit_keep_eu"] if found else []
