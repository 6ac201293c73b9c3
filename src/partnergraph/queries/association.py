"""The association at a glance: Stowarzyszenie Gmin RP Euroregion Bałtyk on one day.

For the association's secretariat: which member gminy the sources confirm on a day, which are
known only from earlier years (the sources stop confirming them — not a known departure),
which left, the board, the networks it belongs to, projects, and how each member connects
abroad — every fact with its source ids, and the coverage notes that say what is missing.

Membership on a day is :func:`partnergraph.queries.membership.members_on` (one definition for
every page and answer). A membership whose ``valid_to`` is the last date a source confirms it
(``confirmed``) and whose status is not ``ended`` is *not confirmed since* that date: it is
listed apart and never as current, nor as a departure. Only the GraphStore contract is used,
so both stores give the same answer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from partnergraph.errors import NotFound
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import Edge, Node, NodeLabel, PropValue, RelType
from partnergraph.queries.answers import DataCoverage, Lang, NodeRef, data_coverage
from partnergraph.queries.evidence import partner_country
from partnergraph.queries.membership import members_on

__all__ = [
    "ASSOCIATION",
    "BOARD",
    "AbroadLink",
    "AssociationOverview",
    "BoardSeat",
    "MemberAbroad",
    "MemberEntry",
    "NetworkEntry",
    "ProjectEntry",
    "YearCount",
    "association_overview",
    "members_over_time",
    "unconfirmed_after",
]

ASSOCIATION = "org:stowarzyszenie-gmin-rp-euroregion-baltyk"
BOARD = "network:stg-erb-zarzad"
#: The association's own bodies (board, strategic networks): not "abroad".
_OWN_BODIES = "network:stg-erb-"
_REPORTED = re.compile(r"\b(\d+) member gminy\b")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class MemberEntry(_Frozen):
    """One member (a gmina, or an organisation such as a supporting member) and its row."""

    member: NodeRef
    teryt: str | None = None
    gmina_type: str | None = None
    powiat: NodeRef | None = None
    since: str | None = None
    until: str | None = None
    confirmed: str | None = None
    #: ``active``/``suspended`` (current), ``unconfirmed`` (not confirmed since ``until``),
    #: ``ended`` (left).
    status: Literal["active", "suspended", "unconfirmed", "ended"]
    role: str = ""
    sources: list[str] = Field(default_factory=list)


class BoardSeat(_Frozen):
    term: str
    role: str
    gmina: NodeRef
    valid_from: str | None = None
    valid_to: str | None = None
    status: str = ""
    sources: list[str] = Field(default_factory=list)


class NetworkEntry(_Frozen):
    network: NodeRef
    kind: str | None = None
    role: str = ""
    status: str = ""
    valid_from: str | None = None
    valid_to: str | None = None
    sources: list[str] = Field(default_factory=list)


class ProjectEntry(_Frozen):
    project: NodeRef
    programme: NodeRef | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    year: int | None = None
    #: The association's role (``lead``/``partner``…) when it took part itself.
    association_role: str | None = None
    members: list[NodeRef] = Field(default_factory=list)
    priorities: list[NodeRef] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)


class AbroadLink(_Frozen):
    kind: Literal["twinning", "body", "project"]
    partner: NodeRef
    country: str | None = None
    status: str = ""
    valid_from: str | None = None
    valid_to: str | None = None
    #: For a project: the foreign partners' names.
    detail: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)


class MemberAbroad(_Frozen):
    gmina: NodeRef
    links: list[AbroadLink] = Field(default_factory=list)


class YearCount(_Frozen):
    """Member gminy a source confirms in a year: their membership's known span — from the
    accession date, or when there is none the date a source confirms it, to its end (open
    while current) — touches that year. A gmina whose accession date is unknown is not
    counted before a source names it."""

    year: int
    gminy: int


class AssociationOverview(_Frozen):
    uid: str
    name: str
    at: str
    lang: Lang
    #: The member count the association itself reports (from its node's note), if stated.
    reported_members: int | None = None
    members: list[MemberEntry]
    unconfirmed: list[MemberEntry]
    left: list[MemberEntry]
    board: list[BoardSeat]
    board_terms: list[BoardSeat]
    networks: list[NetworkEntry]
    projects: list[ProjectEntry]
    without_project: list[NodeRef]
    abroad: list[MemberAbroad]
    over_time: list[YearCount] = Field(default_factory=list)
    member_coverage: DataCoverage
    coverage_notes: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)

    @property
    def gminy_confirmed(self) -> int:
        """Current members that are gminy (what the association's count of 41 counts)."""
        return sum(1 for m in self.members if m.member.label == NodeLabel.MUNICIPALITY.value)


def _text(value: PropValue | None) -> str | None:
    return value if isinstance(value, str) and value else None


def unconfirmed_after(edge: Edge) -> bool:
    """The sources stop confirming this membership at its ``valid_to`` (``confirmed`` equals
    it, status not ``ended``): the end is where the sources fall silent, not a departure."""
    confirmed = _text(edge.properties.get("confirmed"))
    return (
        confirmed is not None
        and edge.valid_to is not None
        and edge.valid_to.startswith(confirmed)
        and edge.properties.get("status") != "ended"
    )


def _started_by(value: str | None, day: dt.date) -> bool:
    return value is None or value <= day.isoformat()


def _powiat(store: GraphStore, node: Node, lang: Lang) -> NodeRef | None:
    if node.label != NodeLabel.MUNICIPALITY:
        return None
    for n in store.neighbours(node.uid, types=[RelType.PART_OF], direction="out"):
        if n.node.label == NodeLabel.COUNTY:
            return NodeRef.of(n.node, lang)
    return None


def _entry(
    store: GraphStore,
    edge: Edge,
    node: Node,
    lang: Lang,
    status: Literal["active", "suspended", "unconfirmed", "ended"],
) -> MemberEntry:
    return MemberEntry(
        member=NodeRef.of(node, lang),
        teryt=_text(node.properties.get("teryt")),
        gmina_type=_text(node.properties.get("gmina_type")),
        powiat=_powiat(store, node, lang),
        since=edge.valid_from,
        until=edge.valid_to,
        confirmed=_text(edge.properties.get("confirmed")),
        status=status,
        role=_text(edge.properties.get("role")) or "",
        sources=list(edge.sources),
    )


def _member_lists(
    store: GraphStore, uid: str, at: dt.date, lang: Lang
) -> tuple[list[MemberEntry], list[MemberEntry], list[MemberEntry]]:
    """(current, not confirmed since, left) on ``at``; a member current on ``at`` is in no
    other list."""
    current = members_on(store, uid, at)
    members = [_entry(store, m.edge, m.member, lang, m.status) for m in current]
    now = {m.member.uid for m in current}
    unconfirmed: dict[str, tuple[Edge, Node]] = {}
    left: list[MemberEntry] = []
    day = at.isoformat()
    for n in store.neighbours(uid, types=[RelType.MEMBER_OF], direction="in"):
        if n.node.label == NodeLabel.NETWORK or n.node.uid in now:
            continue
        edge = n.edge
        ended_before = edge.valid_to is not None and edge.valid_to < day
        if edge.properties.get("status") == "ended" and (edge.valid_to is None or ended_before):
            left.append(_entry(store, edge, n.node, lang, "ended"))
        elif unconfirmed_after(edge) and ended_before:
            kept = unconfirmed.get(n.node.uid)
            # the latest confirmation is the one worth showing
            if kept is None or (kept[0].valid_to or "") < (edge.valid_to or ""):
                unconfirmed[n.node.uid] = (edge, n.node)
    rows = [_entry(store, e, node, lang, "unconfirmed") for e, node in unconfirmed.values()]
    rows.sort(key=lambda m: (m.until or "", m.member.name, m.member.uid), reverse=False)
    left.sort(key=lambda m: (m.until or "", m.member.uid))
    return members, rows, left


def _seat(edge: Edge, node: Node, lang: Lang) -> BoardSeat:
    return BoardSeat(
        term=edge.key,
        role=_text(edge.properties.get("role")) or "",
        gmina=NodeRef.of(node, lang),
        valid_from=edge.valid_from,
        valid_to=edge.valid_to,
        status=_text(edge.properties.get("status")) or "",
        sources=list(edge.sources),
    )


def _term_started(edge: Edge, at: dt.date) -> bool:
    """A seat with no start date whose term is named by years (key ``2018-2024``) did not
    hold before that term began: the open start means "date unknown", not "always"."""
    if edge.valid_from is not None:
        return True
    match = re.match(r"(\d{4})", edge.key)
    return match is None or int(match.group(1)) <= at.year


def _board(store: GraphStore, at: dt.date, lang: Lang) -> tuple[list[BoardSeat], list[BoardSeat]]:
    """The board on ``at`` and every seat ever recorded, by term (the edge key). A seat of a
    term whose end is unknown (the 2015 board) is on the board in the year it began."""
    on_day = [
        _seat(m.edge, m.member, lang)
        for m in members_on(store, BOARD, at)
        if _term_started(m.edge, at)
    ]
    try:
        incoming = store.neighbours(BOARD, types=[RelType.MEMBER_OF], direction="in")
    except NotFound:
        incoming = []
    terms = [_seat(n.edge, n.node, lang) for n in incoming if n.node.label != NodeLabel.NETWORK]
    terms.sort(key=lambda s: (s.valid_from or s.term, s.term, s.gmina.uid))
    seated = {seat.gmina.uid for seat in on_day}
    year = str(at.year)
    for seat in terms:
        start = seat.valid_from or ""
        if (
            seat.gmina.uid not in seated
            and seat.valid_to is None
            and start.startswith(year)
            and start <= at.isoformat()
        ):
            on_day.append(seat)
            seated.add(seat.gmina.uid)
    on_day.sort(key=lambda s: s.gmina.uid)
    return on_day, terms


def _networks(store: GraphStore, uid: str, lang: Lang) -> list[NetworkEntry]:
    rows = []
    for n in store.neighbours(uid, types=[RelType.MEMBER_OF], direction="out"):
        if n.node.label != NodeLabel.NETWORK:
            continue
        rows.append(
            NetworkEntry(
                network=NodeRef.of(n.node, lang),
                kind=_text(n.node.properties.get("kind")),
                role=_text(n.edge.properties.get("role")) or "",
                status=_text(n.edge.properties.get("status")) or "",
                valid_from=n.edge.valid_from,
                valid_to=n.edge.valid_to,
                sources=list(n.edge.sources),
            )
        )
    return rows


def _projects(
    store: GraphStore, uid: str, gminy: Sequence[Node], at: dt.date, lang: Lang
) -> tuple[list[ProjectEntry], list[NodeRef]]:
    """Projects of the association and of its members on ``at`` (started by then), and the
    members with none."""
    taken: dict[str, tuple[Node, list[Edge]]] = {}
    assoc_role: dict[str, str] = {}
    by_member: dict[str, list[str]] = {}
    for actor in [uid, *(g.uid for g in gminy)]:
        for n in store.neighbours(actor, types=[RelType.PARTICIPATES_IN], direction="out"):
            project = n.node
            if not (_started_by(project.valid_from, at) and _started_by(n.edge.valid_from, at)):
                continue
            taken.setdefault(project.uid, (project, []))[1].append(n.edge)
            if actor == uid:
                assoc_role[project.uid] = _text(n.edge.properties.get("role")) or ""
            else:
                by_member.setdefault(project.uid, []).append(actor)
    names = {g.uid: g for g in gminy}
    rows = []
    for project_uid in sorted(taken):
        project, edges = taken[project_uid]
        programme = None
        priorities: list[NodeRef] = []
        sources: list[str] = []
        for edge in edges:
            sources.extend(edge.sources)
        for n in store.neighbours(
            project_uid, types=[RelType.FUNDED_BY, RelType.ADDRESSES], direction="out"
        ):
            if n.edge.type == RelType.FUNDED_BY and programme is None:
                programme = NodeRef.of(n.node, lang)
            elif n.edge.type == RelType.ADDRESSES:
                priorities.append(NodeRef.of(n.node, lang))
            sources.extend(n.edge.sources)
        rows.append(
            ProjectEntry(
                project=NodeRef.of(project, lang),
                programme=programme,
                valid_from=project.valid_from,
                valid_to=project.valid_to,
                year=int(project.valid_from[:4]) if project.valid_from else None,
                association_role=assoc_role.get(project_uid),
                members=[
                    NodeRef.of(names[m], lang) for m in sorted(set(by_member.get(project_uid, [])))
                ],
                priorities=priorities,
                sources=list(dict.fromkeys(sources)),
            )
        )
    rows.sort(key=lambda p: (p.year is None, p.year or 0, p.project.name, p.project.uid))
    with_project = {m for p in rows for m in (r.uid for r in p.members)}
    without = [NodeRef.of(g, lang) for g in gminy if g.uid not in with_project]
    return rows, without


def _foreign(node: Node) -> str | None:
    country = partner_country(node)
    return country if country and country != "PL" else None


def _abroad(store: GraphStore, gmina: Node, at: dt.date, lang: Lang) -> MemberAbroad:
    links: list[AbroadLink] = []
    for n in store.neighbours(
        gmina.uid,
        types=[RelType.TWINNED_WITH, RelType.MEMBER_OF, RelType.PARTICIPATES_IN],
        direction="both",
    ):
        edge, other = n.edge, n.node
        if not _started_by(edge.valid_from, at):
            continue
        status = _text(edge.properties.get("status")) or ""
        if edge.type == RelType.TWINNED_WITH and (country := _foreign(other)):
            links.append(
                AbroadLink(
                    kind="twinning",
                    partner=NodeRef.of(other, lang),
                    country=country,
                    status=status,
                    valid_from=edge.valid_from,
                    valid_to=edge.valid_to,
                    sources=list(edge.sources),
                )
            )
        elif (
            edge.type == RelType.MEMBER_OF
            and n.direction == "out"
            and other.label == NodeLabel.NETWORK
            and not other.uid.startswith(_OWN_BODIES)
            and edge.active_at(at)
            and not (status == "ended" and edge.valid_to is None)
        ):
            links.append(
                AbroadLink(
                    kind="body",
                    partner=NodeRef.of(other, lang),
                    status=status or "active",
                    valid_from=edge.valid_from,
                    valid_to=edge.valid_to,
                    detail=[_text(edge.properties.get("role")) or ""],
                    sources=list(edge.sources),
                )
            )
        elif edge.type == RelType.PARTICIPATES_IN and n.direction == "out":
            partners = [
                p
                for p in store.neighbours(
                    other.uid, types=[RelType.PARTICIPATES_IN], direction="in"
                )
                if p.node.uid != gmina.uid and _foreign(p.node)
            ]
            if not partners:
                continue
            sources = list(edge.sources)
            for p in partners:
                sources.extend(p.edge.sources)
            links.append(
                AbroadLink(
                    kind="project",
                    partner=NodeRef.of(other, lang),
                    valid_from=other.valid_from,
                    valid_to=other.valid_to,
                    detail=[
                        f"{p.node.display_name(lang)} ({_foreign(p.node)})"
                        for p in sorted(partners, key=lambda p: p.node.uid)
                    ],
                    sources=list(dict.fromkeys(sources)),
                )
            )
    order = {"body": 0, "project": 1, "twinning": 2}
    links.sort(key=lambda link: (order[link.kind], link.country or "", link.partner.name))
    return MemberAbroad(gmina=NodeRef.of(gmina, lang), links=links)


def _confirmed_span(edge: Edge) -> tuple[str, str] | None:
    """(start, end) of what the sources confirm of one membership; None when nothing is
    dated (no accession, confirmation or end) or it ended on an unknown date."""
    start = edge.valid_from or _text(edge.properties.get("confirmed"))
    if start is None:
        return None
    if edge.properties.get("status") == "ended" and edge.valid_to is None:
        return None
    return start, edge.valid_to or "9999"


def members_over_time(
    store: GraphStore, uid: str = ASSOCIATION, *, until: dt.date, first: int | None = None
) -> list[YearCount]:
    """Per year from the association's founding (or ``first``) to ``until``: how many member
    gminy a source confirms in it (see :class:`YearCount`)."""
    try:
        node = store.node(uid)
        incoming = store.neighbours(uid, types=[RelType.MEMBER_OF], direction="in")
    except NotFound:
        return []
    if first is None:
        first = int(node.valid_from[:4]) if node.valid_from else until.year
    spans: dict[str, list[tuple[str, str]]] = {}
    for n in incoming:
        span = _confirmed_span(n.edge)
        if n.node.label == NodeLabel.MUNICIPALITY and span is not None:
            spans.setdefault(n.node.uid, []).append(span)
    counts = []
    for year in range(first, until.year + 1):
        low, high = f"{year}-01-01", _year_end(year, until)
        held = sum(1 for found in spans.values() if any(s <= high and e >= low for s, e in found))
        counts.append(YearCount(year=year, gminy=held))
    return counts


def _year_end(year: int, until: dt.date) -> str:
    return until.isoformat() if year >= until.year else f"{year}-12-31"


def _reported(node: Node) -> int | None:
    match = _REPORTED.search(_text(node.properties.get("note")) or "")
    return int(match.group(1)) if match else None


def _notes(
    notes: Iterable[CoverageNote], uids: Iterable[str], types: Iterable[RelType]
) -> list[str]:
    uid_list = list(uids)
    type_values = [t.value for t in types]
    return [note.sentence() for note in notes if note.applies_to(uid_list, type_values)]


def association_overview(
    store: GraphStore,
    uid: str = ASSOCIATION,
    *,
    at: dt.date,
    lang: Lang = "pl",
    notes: Sequence[CoverageNote] = (),
    history: bool = True,
) -> AssociationOverview:
    """The association on ``at``: members (current, not confirmed since, left), board,
    networks, projects, members with no project, each member's links abroad, and the
    coverage notes that concern what the answer touched. ``history=False`` leaves out the
    per-year counts (a page computing one overview per year needs them once).
    Unknown ``uid``: :class:`~partnergraph.errors.NotFound`."""
    node = store.node(uid)
    members, unconfirmed, left = _member_lists(store, uid, at, lang)
    board, terms = _board(store, at, lang) if uid == ASSOCIATION else ([], [])
    networks = _networks(store, uid, lang)
    current = members_on(store, uid, at)
    gminy = [m.member for m in current if m.member.label == NodeLabel.MUNICIPALITY]
    projects, without = _projects(store, uid, gminy, at, lang)
    abroad = [_abroad(store, g, at, lang) for g in gminy]
    touched = {uid, BOARD, *(m.member.uid for m in members + unconfirmed + left)}
    touched.update(n.network.uid for n in networks)
    for p in projects:
        touched.add(p.project.uid)
        if p.programme:
            touched.add(p.programme.uid)
        touched.update(x.uid for x in p.priorities)
    types = [RelType.MEMBER_OF, RelType.PARTICIPATES_IN, RelType.FUNDED_BY, RelType.ADDRESSES]
    if any(link.kind == "twinning" for a in abroad for link in a.links):
        types.append(RelType.TWINNED_WITH)
    sources: list[str] = list(node.sources)
    for group in (members, unconfirmed, left):
        for m in group:
            sources.extend(m.sources)
    for seat in board + terms:
        sources.extend(seat.sources)
    for net in networks:
        sources.extend(net.sources)
    for p in projects:
        sources.extend(p.sources)
    for a in abroad:
        for link in a.links:
            sources.extend(link.sources)
    return AssociationOverview(
        uid=uid,
        name=node.display_name(lang),
        at=at.isoformat(),
        lang=lang,
        reported_members=_reported(node),
        members=members,
        unconfirmed=unconfirmed,
        left=left,
        board=board,
        board_terms=terms,
        networks=networks,
        projects=projects,
        without_project=without,
        abroad=abroad,
        over_time=members_over_time(store, uid, until=at) if history else [],
        member_coverage=data_coverage(notes, uids=[uid]),
        coverage_notes=_notes(notes, sorted(touched), types),
        sources=list(dict.fromkeys(sources)),
    )
