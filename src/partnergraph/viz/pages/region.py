"""The region page: what a region (Pomorskie, a NUTS 3 unit, a powiat or a gmina) does in
international projects, with whom, on what and since when.

Totals, projects per start year (an SVG bar chart drawn here, with the table beside it), the
sub-regions, partner countries, programmes and priorities, every project with the region's
partners, and the coverage notes of the answer. The query is
:func:`partnergraph.queries.regions.region_activity`; the CSV beside the page is
:func:`~partnergraph.queries.regions.region_activity_csv`.

Region and programme pages have a uid but are neither node nor priority pages, so their
links come from :func:`place_url`, and :class:`PlaceLinks` teaches the language switch and
the embed link where they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from urllib.parse import quote, urlencode

from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import NodeLabel, RelType
from partnergraph.queries.regions import Breakdown, RegionActivityAnswer, region_activity
from partnergraph.queries.regions import region_activity_csv as _answer_csv
from partnergraph.viz.i18n import Lang, t
from partnergraph.viz.i18n_coverage import note_texts
from partnergraph.viz.i18n_places import shown_name
from partnergraph.viz.links import Links
from partnergraph.viz.pages.common import name_lookup, sources_for, span
from partnergraph.viz.render import Page

__all__ = [
    "PROJECTS_PER_PAGE",
    "STATIC_REGIONS",
    "Emitted",
    "PlaceLinks",
    "YearBar",
    "parse_period",
    "place_file",
    "place_url",
    "region_csv",
    "region_page",
    "static_places",
    "static_region_pages",
]

#: The regions whose pages the static site always has (with their NUTS 3 units).
STATIC_REGIONS = ("nuts:PL62", "nuts:PL63")
#: Region and programme pages the static site has: (page, uid, programme filter or None).
Emitted = frozenset[tuple[str, str, str | None]]
_EARLIEST = dt.date(1, 1, 1)
_LATEST = dt.date(9999, 12, 31)
_CHART_W = 560
_BAR_H = 18
#: Projects per page of a live region page (a static page lists them all): a voivodeship
#: has thousands, and the counts above the list always cover every one of them.
PROJECTS_PER_PAGE = 100


def _stem(uid: str) -> str:
    return uid.replace(":", "_")


def place_file(page: str, uid: str, programme: str | None = None, ext: str = "html") -> str:
    """The static file of a region page (``region/nuts_PL63.html``, filtered by a programme
    ``region/nuts_PL63--programme_x.html``) or a programme page, relative to the language
    root."""
    suffix = f"--{_stem(programme)}" if programme else ""
    return f"{page}/{_stem(uid)}{suffix}.{ext}"


def place_url(
    links: Links,
    page: str,
    uid: str,
    *,
    programme: str | None = None,
    ext: str = "html",
    params: dict[str, str | int | None] | None = None,
) -> str:
    """The URL of a ``region`` or ``programme`` page (``ext="csv"``: the region's CSV), live
    with its parameters or the static file (which has no period parameters)."""
    if links.mode == "static":
        prefix = "en/" if links.lang == "en" else ""
        return f"{links.root}{prefix}{place_file(page, uid, programme, ext)}"
    query: dict[str, str | int] = {k: v for k, v in (params or {}).items() if v is not None}
    if programme:
        query["programme"] = programme
    if links.lang != "pl":
        query["lang"] = links.lang
    if links.embed and ext == "html":
        query["embed"] = 1
    path = f"/{page}/{quote(uid, safe=':')}" + (".csv" if ext == "csv" else "")
    return path + ("?" + urlencode(query) if query else "")


@dataclass(frozen=True)
class PlaceLinks(Links):
    """:class:`Links` that also know region and programme pages (the language switch and the
    "open the full page" link of those pages go through :meth:`url_for`)."""

    def url_for(self, page: str, uid: str | None = None, **params: str | int | None) -> str:
        if page in ("region", "programme") and uid is not None:
            programme = params.pop("programme", None)
            return place_url(
                self, page, uid, programme=str(programme) if programme else None, params=params
            )
        return super().url_for(page, uid, **params)

    @classmethod
    def of(cls, links: Links) -> PlaceLinks:
        return cls(lang=links.lang, mode=links.mode, embed=links.embed, depth=links.depth)


def parse_period(start: str | None, end: str | None) -> tuple[dt.date, dt.date] | None:
    """``from``/``to`` (YYYY or YYYY-MM-DD, already validated) as a period: a year starts on
    1 January and ends on 31 December; a missing end is open."""
    if not start and not end:
        return None

    def day(value: str | None, first: bool) -> dt.date:
        if not value:
            return _EARLIEST if first else _LATEST
        if len(value) == 4:
            return dt.date(int(value), 1, 1) if first else dt.date(int(value), 12, 31)
        return dt.date.fromisoformat(value)

    return day(start, True), day(end, False)


@dataclass
class YearBar:
    year: str
    projects: int
    y: int
    width: int


def _bars(by_year: Sequence[Breakdown]) -> list[YearBar]:
    top = max((b.projects for b in by_year), default=0) or 1
    return [
        YearBar(
            year=b.key,
            projects=b.projects,
            y=4 + i * (_BAR_H + 6),
            width=max(2, round((_CHART_W - 120) * b.projects / top)),
        )
        for i, b in enumerate(by_year)
    ]


@dataclass
class CountryRow:
    key: str
    name: str
    row: Breakdown
    native: str | None = None


def _countries(store: GraphStore, answer: RegionActivityAnswer, lang: Lang) -> list[CountryRow]:
    """Partner countries by name in the page's language where the data has one."""
    found = store.get_nodes(f"country:{b.key}" for b in answer.by_country)
    rows = []
    for b in answer.by_country:
        node = found.get(f"country:{b.key}")
        shown = shown_name(node, lang) if node else None
        rows.append(
            CountryRow(
                key=b.key,
                name=shown.text if shown else b.name,
                row=b,
                native=shown.native if shown else None,
            )
        )
    return rows


def _programmes_of(store: GraphStore, uid: str) -> list[str]:
    """Programmes whose eligible area is ``uid``."""
    return sorted(
        n.node.uid
        for n in store.neighbours(uid, types=[RelType.ELIGIBLE_AREA], direction="in")
        if n.node.label == NodeLabel.PROGRAMME
    )


def region_page(
    store: GraphStore,
    uid: str,
    links: Links,
    *,
    start: str | None = None,
    end: str | None = None,
    programme: str | None = None,
    notes: Sequence[CoverageNote] = (),
    emitted: Emitted | None = None,
    page_no: int = 1,
) -> Page:
    """The page of ``uid`` (a Region, powiat or gmina); ``start``/``end`` a period (live
    only), ``programme`` one programme's projects, ``page_no`` the page of the project list
    (live only; a static page lists every project). ``emitted``: in the static site, the
    region and programme pages that exist (links to others go to node pages)."""
    lang = links.lang
    paged = links.mode != "static"

    def ask(number: int) -> RegionActivityAnswer:
        return region_activity(
            store,
            uid,
            period=parse_period(start, end),
            programme=programme,
            lang=lang,
            known_gaps=notes,
            offset=(number - 1) * PROJECTS_PER_PAGE if paged else 0,
            limit=PROJECTS_PER_PAGE if paged else None,
        )

    answer = ask(max(page_no, 1))
    pages = max(1, -(-answer.totals.projects // PROJECTS_PER_PAGE)) if paged else 1
    if max(page_no, 1) > pages:  # past the end: the last page
        answer = ask(pages)
    page_no = min(max(page_no, 1), pages)

    window: dict[str, str | int | None] = {"from": start, "to": end}

    def region_link(target: str, only: str | None = None) -> str:
        if emitted is None or ("region", target, only) in emitted:
            return place_url(links, "region", target, programme=only, params=window)
        if only is not None and ("region", target, None) in emitted:
            return place_url(links, "region", target)
        return links.node(target)

    def programme_link(target: str) -> str:
        if emitted is None or ("programme", target, None) in emitted:
            return place_url(links, "programme", target)
        return links.node(target)

    shown = name_lookup(store, lang)
    ids = [s for r in answer.results for item in r.evidence for s in item.sources]
    ids.extend(s.id for s in answer.coverage.sources)
    params: dict[str, str | int | None] = {**window, "programme": programme}
    return Page(
        template="region.html",
        title=f"{shown(answer.region.uid, answer.region.name).text} — {t('region_title', lang)}",
        page="region",
        uid=uid,
        params=params,
        context={
            "answer": answer,
            "bars": _bars(answer.by_year),
            "coverage_text": partial(note_texts, notes=notes, lang=lang),
            "chart_w": _CHART_W,
            "chart_h": 8 + len(answer.by_year) * (_BAR_H + 6),
            "bar_h": _BAR_H,
            "countries": _countries(store, answer, lang),
            "eligible_for": _programmes_of(store, uid),
            "shown": shown,
            "region_link": region_link,
            "subregion_link": lambda key: region_link(key, programme),
            "only_link": lambda key: region_link(uid, key),
            "programme_link": programme_link,
            "period": span,
            "start": start or "",
            "end": end or "",
            "page_no": page_no,
            "pages": pages,
            "first_project": answer.offset + 1,
            "page_link": lambda number: place_url(
                links, "region", uid, programme=programme, params={**window, "page": number}
            ),
            "csv_url": place_url(
                links,
                "region",
                uid,
                programme=programme,
                ext="csv",
                params=window,
            ),
            "sources": sources_for(store, ids),
            "uses_network": False,
        },
    )


def region_csv(
    store: GraphStore,
    uid: str,
    lang: Lang,
    *,
    start: str | None = None,
    end: str | None = None,
    programme: str | None = None,
) -> str:
    """The region page's totals and breakdowns as CSV (cells safe in a spreadsheet)."""
    # the CSV holds the totals and breakdowns, not the project list: one project is enough
    answer = region_activity(
        store, uid, period=parse_period(start, end), programme=programme, lang=lang, limit=1
    )
    return _answer_csv(answer)


def static_region_pages(store: GraphStore) -> list[tuple[str, str | None]]:
    """The region pages of the static site, as (region, programme or None): Pomorskie,
    Warmińsko-Mazurskie and their NUTS 3 units, every eligible area of a programme, each
    unfiltered and filtered by every programme it has projects in or is eligible for."""
    regions: list[str] = []
    found = store.get_nodes(STATIC_REGIONS)
    for uid in STATIC_REGIONS:
        if uid not in found:
            continue
        regions.append(uid)
        for n in store.neighbours(uid, types=[RelType.PART_OF], direction="in"):
            if n.node.label == NodeLabel.REGION:
                regions.append(n.node.uid)
    programmes = [node.uid for node in store.nodes(NodeLabel.PROGRAMME)]
    areas = store.neighbours_of(programmes, types=[RelType.ELIGIBLE_AREA], direction="out")
    for uid in programmes:
        regions.extend(n.node.uid for n in areas.get(uid, []) if n.node.label == NodeLabel.REGION)
    out: list[tuple[str, str | None]] = []
    for uid in dict.fromkeys(regions):
        out.append((uid, None))
        answer = region_activity(store, uid, limit=1)  # the breakdowns, not the projects
        filters = {b.key for b in answer.by_programme} | set(_programmes_of(store, uid))
        out.extend((uid, programme) for programme in sorted(filters))
    return out


def static_places(store: GraphStore) -> Emitted:
    """Every region and programme page the static site has (see :func:`static_region_pages`)."""
    places: set[tuple[str, str, str | None]] = {
        ("region", uid, programme) for uid, programme in static_region_pages(store)
    }
    places.update(("programme", node.uid, None) for node in store.nodes(NodeLabel.PROGRAMME))
    return frozenset(places)
