"""What every page builder shares: year variants, sources, links to nodes, sections."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from partnergraph.graph.store import GraphStore
from partnergraph.model import Node, NodeLabel, PropValue
from partnergraph.viz.i18n import t
from partnergraph.viz.links import Links
from partnergraph.viz.render import Page

__all__ = [
    "ERB_UID",
    "FIRST_YEAR",
    "SourceRef",
    "Variant",
    "Variants",
    "build_variants",
    "error_page",
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

ERB_UID = "network:euroregion-baltic"
#: The year sliders start here: the Euroregion Baltic was founded in February 1998.
FIRST_YEAR = 1998

T = TypeVar("T")


@dataclass
class SourceRef:
    id: str
    title: str
    url: str | None = None
    document: str | None = None
    retrieved: str | None = None
    confidence: str | None = None


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
    refs = []
    for sid in unique:
        node = found.get(f"source:{sid}")
        props = node.properties if node else {}
        refs.append(
            SourceRef(
                id=sid,
                title=node.name if node else sid,
                url=_text(props.get("url")),
                document=_text(props.get("document")),
                retrieved=_text(props.get("retrieved")),
                confidence=_text(props.get("confidence")),
            )
        )
    return refs


def _text(value: PropValue | None) -> str | None:
    return value if isinstance(value, str) else None


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
