"""The association page: Stowarzyszenie Gmin RP Euroregion Bałtyk for its secretariat.

Members the sources confirm on a year's day (with the memberships the sources stop confirming
listed apart, never as current), the board, networks, projects, members with no project, how
each member connects abroad, and the coverage note on the member list — every fact with its
sources. The query is :func:`partnergraph.queries.association.association_overview`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from partnergraph.csvsafe import safe_row
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.queries.answers import NodeRef
from partnergraph.queries.association import (
    ASSOCIATION,
    BOARD,
    AssociationOverview,
    MemberEntry,
    association_overview,
    members_over_time,
)
from partnergraph.queries.membership import members_on
from partnergraph.viz.i18n import Lang, label_name, t
from partnergraph.viz.i18n_coverage import note_texts
from partnergraph.viz.i18n_places import county_name
from partnergraph.viz.i18n_values import value_text
from partnergraph.viz.links import Links
from partnergraph.viz.netdata import VisView, network_view
from partnergraph.viz.pages.common import (
    build_variants,
    name_lookup,
    node_link,
    not_found_page,
    parse_year,
    sources_for,
    span,
    year_date,
)
from partnergraph.viz.render import Page

__all__ = ["AssocState", "MemberRow", "association_csv", "association_page", "role_text"]

_STATUSES = ("active", "suspended", "ended", "unconfirmed")


def role_text(role: str, lang: Lang) -> str:
    """A role as stored ("chair of the board (8th term)") in the page's language: the fixed
    words are translated, names and dates are kept (see :mod:`partnergraph.viz.i18n_values`)."""
    return value_text("role", role, lang)


def _status(key: str, lang: Lang) -> str:
    if key in _STATUSES:
        return t(f"status_{key}", lang)
    if key == "unverified":
        return t("twin_unverified", lang)
    return key


def _gtype(value: str | None, lang: Lang) -> str:
    if not value:
        return ""
    key = f"gtype_{value}"
    try:
        return t(key, lang)
    except KeyError:
        return value


@dataclass
class MemberRow:
    uid: str
    name: str
    url: str
    label: str
    teryt: str
    gmina_type: str
    powiat: str
    powiat_url: str
    since: str
    confirmed: str
    until: str
    status: str
    status_key: str
    role: str
    sources: list[str]


@dataclass
class AssocState:
    overview: AssociationOverview
    members: list[MemberRow]
    unconfirmed: list[MemberRow]
    left: list[MemberRow]
    view: VisView


def _row(m: MemberEntry, links: Links) -> MemberRow:
    lang = links.lang
    return MemberRow(
        uid=m.member.uid,
        name=m.member.name,
        url=links.node(m.member.uid),
        label=label_name(m.member.label, lang),
        teryt=m.teryt or "",
        gmina_type=_gtype(m.gmina_type, lang),
        powiat=county_name(m.powiat.name, lang) if m.powiat else "",
        powiat_url=links.node(m.powiat.uid) if m.powiat else "",
        since=m.since or "",
        confirmed=m.confirmed or "",
        until=m.until or "",
        status=_status(m.status, lang),
        status_key=m.status,
        role=role_text(m.role, lang),
        sources=m.sources,
    )


def _view(store: GraphStore, links: Links, day: dt.date) -> VisView:
    """The association at the centre, its members and board on ``day``, its networks."""
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    found = store.get_nodes([ASSOCIATION])
    if ASSOCIATION in found:
        nodes[ASSOCIATION] = found[ASSOCIATION]
    for m in members_on(store, ASSOCIATION, day) + members_on(store, ASSOCIATION, day, bodies=True):
        nodes[m.member.uid] = m.member
        edges.append(m.edge)
    for n in store.neighbours(ASSOCIATION, types=[RelType.MEMBER_OF], direction="out"):
        if n.node.label == NodeLabel.NETWORK:
            nodes[n.node.uid] = n.node
            edges.append(n.edge)
    if BOARD in nodes:
        for m in members_on(store, BOARD, day):
            if m.member.uid in nodes:
                edges.append(m.edge)
    return network_view(
        list(nodes.values()),
        edges,
        lang=links.lang,
        link=node_link(links),
        centre=ASSOCIATION,
        version=store.data_version(),
        at=day,  # the association's own network seats end too (its ERB presidency, 2021)
    )


def _state(
    store: GraphStore, links: Links, day: dt.date, notes: Sequence[CoverageNote]
) -> AssocState:
    overview = association_overview(store, at=day, lang=links.lang, notes=notes, history=False)
    return AssocState(
        overview=overview,
        members=[_row(m, links) for m in overview.members],
        unconfirmed=[_row(m, links) for m in overview.unconfirmed],
        left=[_row(m, links) for m in overview.left],
        view=_view(store, links, day),
    )


def _signature(state: AssocState) -> str:
    return state.overview.model_dump_json(exclude={"at"})


def _by_priority(overview: AssociationOverview) -> list[tuple[NodeRef | None, list[NodeRef]]]:
    """(priority, projects) for the projects of ``overview``; projects with no priority come
    first, under ``None``."""
    groups: dict[str, tuple[NodeRef | None, list[NodeRef]]] = {}
    for p in overview.projects:
        for priority in p.priorities or []:
            groups.setdefault(priority.uid, (priority, []))[1].append(p.project)
        if not p.priorities:
            groups.setdefault("", (None, []))[1].append(p.project)
    return [group for _uid, group in sorted(groups.items())]


def _csv_link(links: Links, at: str | None) -> str:
    if links.mode == "live":
        return links.page("association.csv", at=at)
    return f"{links.root}{'en/' if links.lang == 'en' else ''}association.csv"


def association_page(
    store: GraphStore,
    links: Links,
    at: str | None = None,
    notes: Sequence[CoverageNote] = (),
) -> Page:
    lang = links.lang
    if ASSOCIATION not in store.get_nodes([ASSOCIATION]):
        return not_found_page(ASSOCIATION, links)  # a graph without the association
    today = dt.date.today()
    selected = parse_year(at, default=str(today.year))
    variants = build_variants(
        "assoc",
        lambda day: _state(store, links, day or today, notes),
        _signature,
        selected=selected,
        include_all=False,
    )
    chosen = variants.items[variants.selected_index].data.overview
    over_time = members_over_time(store, until=today)
    ids = list(chosen.sources)
    for v in variants.items:
        ids.extend(v.data.overview.sources)
    return Page(
        template="association.html",
        title=t("assoc_title", lang),
        page="association",
        params={"at": selected if at else None},
        context={
            "variants": variants,
            "chosen": chosen,
            "over_time": over_time,
            "over_time_max": max((y.gminy for y in over_time), default=0) or 1,
            "by_priority": _by_priority(chosen),
            "shown": name_lookup(store, lang),
            "kind_text": lambda kind: value_text("kind", kind, lang),
            "role_text": lambda role: role_text(role, lang),
            "coverage_text": partial(note_texts, notes=notes, lang=lang),
            "status_text": lambda key: _status(key, lang),
            "period": span,
            "csv_url": _csv_link(links, selected if at else None),
            "sources": sources_for(store, ids),
            "uses_network": True,
            "assoc_uid": ASSOCIATION,
        },
    )


def association_csv(store: GraphStore, lang: Lang, at: str | None = None) -> str:
    """The members table on the chosen year's day as CSV (header in ``lang``), every cell
    neutralised against formula injection."""
    selected = parse_year(at, default=str(dt.date.today().year))
    day = year_date(int(selected))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = ("name", "teryt_code", "label", "gmina_type", "powiat", "status", "role")
    writer.writerow(
        safe_row([t(key, lang) for key in header] + [t("since", lang), t("confirmed", lang)])
        + safe_row([t("sources", lang)])
    )
    if ASSOCIATION not in store.get_nodes([ASSOCIATION]):
        return out.getvalue()  # a graph without the association: the header only
    overview = association_overview(store, at=day, lang=lang, history=False)
    for m in overview.members:
        writer.writerow(
            safe_row(
                [
                    m.member.name,
                    m.teryt or "",
                    label_name(m.member.label, lang),
                    _gtype(m.gmina_type, lang),
                    m.powiat.name if m.powiat else "",
                    _status(m.status, lang),
                    role_text(m.role, lang),
                    m.since or "",
                    m.confirmed or "",
                    " ".join(m.sources),
                ]
            )
        )
    return out.getvalue()
