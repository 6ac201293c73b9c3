"""Gaps about actors: partners with no co-operation lately, gminy left out (by powiat).

See :mod:`partnergraph.queries.gaps` for the gap questions about priorities and the rules the
five questions share; docs/answer-rules.md states what counts as activity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Sequence
from typing import Literal, TypeVar

from partnergraph.errors import NotFound, QueryError
from partnergraph.gcpause import gc_paused
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import Edge, Neighbour, Node, NodeLabel, RelType
from partnergraph.queries._gap_helpers import Frozen, edge_item, params, views
from partnergraph.queries.answers import (
    Answer,
    DataCoverage,
    EvidenceItem,
    Lang,
    NodeRef,
    build_coverage,
    data_coverage,
)
from partnergraph.queries.evidence import (
    PARTNER_LABELS,
    Finding,
    Window,
    actor_order,
    partner_country,
    reference_day,
)
from partnergraph.queries.sentences import edge_period
from partnergraph.queries.snapshot import as_of, live
from partnergraph.queries.standing import EVIDENCE, activity_of, evidence_of

__all__ = [
    "GminaRef",
    "InactivePartner",
    "InactivePartnersAnswer",
    "LeftOutGminyAnswer",
    "PowiatGroup",
    "inactive_partners",
    "left_out_gminy",
]

#: The coverage-note areas of what would make a gmina take part (membership, agreement, project).
_GMINA_EVIDENCE_AREAS = ("association", "agreements", "projects")

#: Uids per ``neighbours_of`` call (one round trip each on a server). The questions here read
#: every partner or every gmina: a few calls per batch, never one per node, never the export.
_BATCH = 5000

_T = TypeVar("_T")


def _batches(items: Sequence[_T]) -> Iterator[Sequence[_T]]:
    size = _BATCH
    for i in range(0, len(items), size):
        yield items[i : i + size]


class InactivePartner(Frozen):
    partner: NodeRef
    country: str | None
    last_evidence: str | None
    data_coverage: DataCoverage
    evidence: list[EvidenceItem]


class InactivePartnersAnswer(Answer):
    window: tuple[str, str]
    results: list[InactivePartner]


class GminaRef(Frozen):
    uid: str
    name: str
    gmina_type: str | None
    population: int | None


class PowiatGroup(Frozen):
    county: NodeRef | None
    gminy_total: int
    left_out: list[GminaRef]
    population_left_out: int | None
    data_coverage: DataCoverage
    evidence: list[EvidenceItem]


class LeftOutGminyAnswer(Answer):
    gminy_total: int
    left_out_total: int
    results: list[PowiatGroup]


# -- (3) partners without recent activity ----------------------------------------------------


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


_COOPERATION: list[tuple[RelType, Literal["in", "out"]]] = [
    (RelType.SIGNED_BY, "in"),
    (RelType.PARTICIPATES_IN, "out"),
    (RelType.MEMBER_OF, "out"),
]


def _partners(store: GraphStore) -> list[Node]:
    """Every partner-labelled node, in uid order (one ``nodes`` call per label)."""
    found = [
        node
        for label in sorted(PARTNER_LABELS, key=lambda label: label.value)
        for node in store.nodes(label)
    ]
    return sorted(found, key=lambda node: node.uid)


def _findings_by_partner(
    store: GraphStore, uids: Collection[str], window: Window
) -> dict[str, list[Finding]]:
    """``findings_for_actor(store, actor, window)`` of many actors from one
    ``evidence_chains`` call instead of one ``actor_chains`` call per actor.

    Every priority asked on its own and without alignment lists each direct chain once, asked
    as the priority it ends at: per partner, exactly the chains ``actor_chains`` gives. They
    come in :attr:`Chain.order` (asked priority first, then partner), so each partner's list
    is in that order before the stable sort by :func:`actor_order`, as ``actor_chains``'s is.
    """
    found: dict[str, list[Finding]] = {}
    for chain in store.evidence_chains(None, window=window, aligned=False):
        if chain.partner.uid in uids:
            found.setdefault(chain.partner.uid, []).append(Finding.of(chain))
    for findings in found.values():
        findings.sort(key=actor_order)
    return found


@gc_paused()
def inactive_partners(
    store: GraphStore,
    *,
    years: int = 5,
    at: dt.date | None = None,
    scope: Literal["agreements", "all"] = "agreements",
    lang: Lang = "pl",
    known_gaps: Sequence[CoverageNote] = (),
) -> InactivePartnersAnswer:
    """Partners with no co-operation of any kind in the last ``years`` years.

    Activity counts every kind of evidence (:func:`partnergraph.queries.standing.activity_in`):
    memberships and roles in ERB bodies, agreements, projects and twinning — whether or not
    they cover a priority. An active ERB member is never inactive; a suspended membership is
    no activity. Each row says whether the sources cover that partner (``data_coverage``).

    Parameters
    ----------
    store : GraphStore
        The graph (the live store: the question is about a period before ``at``).
    years : int
        Length of the look-back window, 1–50; the window is [``at`` − years, ``at``].
    at : datetime.date, optional
        End of the window; default today.
    scope : {"agreements", "all"}
        Who counts as a partner: signatories of agreements (default), or every actor or
        network that signed, took part in a project or is a member of something.
    lang, known_gaps
        As in every query.

    Returns
    -------
    InactivePartnersAnswer
        ``results`` by uid, each with ``last_evidence`` (the latest end of its evidence
        before the window, None if it never had any) and ``evidence``: its co-operation
        relationships, then its most recent earlier evidence.

    Raises
    ------
    QueryError
        ``years`` out of range.

    Examples
    --------
    >>> inactive_partners(store, at=dt.date(2024, 1, 1)).results[0].partner.uid  # doctest: +SKIP
    'nuts:LT023'
    """
    if not 1 <= years <= 50:
        raise QueryError("years must be between 1 and 50")
    base = live(store)
    ref = at or as_of(store) or dt.date.today()
    window_start = _years_before(ref, years)
    window = Window(start=window_start, end=ref)
    all_time = Window(end=ref)
    results = []
    used: list[EvidenceItem] = []
    types = _COOPERATION[:1] if scope == "agreements" else _COOPERATION
    # Per batch of partners: their co-operation links (one call per type), then the rest of
    # their evidence for those that have links (one call per remaining kind).
    rest = [kind for kind in EVIDENCE if kind not in types]
    inactive: list[tuple[Node, list[Neighbour]]] = []
    for batch in _batches(_partners(base)):
        read = evidence_of(base, [node.uid for node in batch], types)
        linked = [node for node in batch if any(read[kind].get(node.uid) for kind in types)]
        if not linked:
            continue
        read |= evidence_of(base, [node.uid for node in linked], rest)
        for node in linked:
            if activity_of(read, node.uid, window_start, ref):
                continue
            links = [n for kind in types for n in read[kind].get(node.uid, [])]
            inactive.append((node, links))
    findings = (
        _findings_by_partner(base, {node.uid for node, _ in inactive}, all_time) if inactive else {}
    )
    for node, links in inactive:
        found = findings.get(node.uid, [])
        ended = sorted(
            (f for f in found if f.end is not None),
            key=lambda f: (f.end or "", f.priority.uid, f.chain_key),
            reverse=True,
        )
        last = ended[0].end if ended else None
        nodes = {node.uid: node} | {n.node.uid: n.node for n in links}
        evidence = [edge_item(n.edge, nodes, lang, ref) for n in links]
        evidence += [f.item(lang, ref) for f in ended if f.end == last]
        used.extend(evidence)
        results.append(
            InactivePartner(
                partner=NodeRef.of(node, lang),
                country=partner_country(node),
                last_evidence=last,
                data_coverage=data_coverage(
                    known_gaps,
                    uids=[node.uid, *nodes],
                    types=[n.edge.type for n in links],
                ),
                evidence=evidence,
            )
        )
    assert window.start is not None
    assert window.end is not None
    return InactivePartnersAnswer(
        query="gaps.partners",
        lang=lang,
        parameters={"years": years, "at": ref.isoformat(), "scope": scope},
        window=(window.start.isoformat(), window.end.isoformat()),
        results=results,
        coverage=build_coverage(
            base, used, period=window.period, known_gaps=known_gaps, whole_graph=True
        ),
    )


# -- (4) gminy left out ----------------------------------------------------------------------


@gc_paused()
def left_out_gminy(
    store: GraphStore,
    *,
    at: dt.date | None = None,
    period: tuple[dt.date, dt.date] | None = None,
    region: str | None = None,
    reference_date: dt.date | None = None,
    lang: Lang = "pl",
    known_gaps: Sequence[CoverageNote] = (),
) -> LeftOutGminyAnswer:
    """Polish gminy with no project, no membership and no agreement, grouped by powiat.

    A gmina counts as taking part when it PARTICIPATES_IN a project, is a MEMBER_OF a
    network or organisation, or is a party to an agreement (SIGNED_BY), on ``at`` or during
    ``period`` (a project's own dates count). Town twinning alone does not count: it is
    reported by ``connection_paths``. Foreign towns (``town:``) are not gminy.

    Parameters
    ----------
    region : str, optional
        Uid of a Region (``nuts:PL62``): only gminy whose powiat (or the gmina) is PART_OF it.
    at, period, reference_date, lang, known_gaps
        As in :func:`coverage_matrix`.

    Returns
    -------
    LeftOutGminyAnswer
        ``results``: one group per powiat that has a left-out gmina (powiat uid order), with
        the gminy (uid order), their population where the data has it, and the PART_OF
        relationships that place them.

    Examples
    --------
    >>> left_out_gminy(store).results[0].left_out[0].name  # doctest: +SKIP
    'Kolbudy'
    """
    view, window = views(store, at, period)
    at = as_of(view)
    ref = reference_day(at or window.end, reference_date)
    if region is not None:
        asked = view.get_nodes([region]).get(region)
        if asked is None:
            raise NotFound(region)
        if asked.label != NodeLabel.REGION:
            raise QueryError(f"{region} is not a Region")
    groups: dict[str, tuple[Node | None, list[tuple[Node, Edge | None]], int]] = {}
    total = 0
    today = ref.isoformat()
    gminy = [
        gmina
        for gmina in view.nodes(NodeLabel.MUNICIPALITY)
        if gmina.uid.startswith("teryt:")
        # a gmina that no longer exists (recoded: Kobylnica 2212062 until 2024) is not left out
        and not (
            at is None and period is None and gmina.valid_to is not None and gmina.valid_to < today
        )
    ]
    # Per batch of gminy: their PART_OF parents, their powiaty's parents (with a region), and
    # the three kinds of taking part: a fixed few calls per batch.
    for batch in _batches(gminy):
        parents = view.neighbours_of(
            [gmina.uid for gmina in batch], types=[RelType.PART_OF], direction="out"
        )
        county_links = {
            gmina.uid: next(
                (n for n in parents.get(gmina.uid, []) if n.node.label == NodeLabel.COUNTY), None
            )
            for gmina in batch
        }
        kept = list(batch)
        if region is not None:
            counties = {link.node.uid for link in county_links.values() if link is not None}
            above = view.neighbours_of(counties, types=[RelType.PART_OF], direction="out")
            kept = [
                gmina
                for gmina in batch
                if region in {n.node.uid for n in parents.get(gmina.uid, [])}
                or (
                    (link := county_links[gmina.uid]) is not None
                    and region in {n.node.uid for n in above.get(link.node.uid, [])}
                )
            ]
        taking_part = evidence_of(view, [gmina.uid for gmina in kept], _COOPERATION)
        for gmina in kept:
            county_link = county_links[gmina.uid]
            county = county_link.node if county_link else None
            total += 1
            key = county.uid if county else ""
            _, left, count = groups.get(key, (county, [], 0))
            active = any(
                window.admits(*edge_period(n.edge, n.node))
                for kind in _COOPERATION
                for n in taking_part[kind].get(gmina.uid, [])
            )
            if not active:
                left.append((gmina, county_link.edge if county_link else None))
            groups[key] = (county, left, count + 1)
    results = []
    for key in sorted(groups, key=lambda k: (k == "", k)):
        county, left, count = groups[key]
        if not left:
            continue
        populations = [
            p for gmina, _ in left if isinstance(p := gmina.properties.get("population"), int)
        ]
        nodes = {gmina.uid: gmina for gmina, _ in left}
        if county is not None:
            nodes[county.uid] = county
        results.append(
            PowiatGroup(
                county=NodeRef.of(county, lang) if county else None,
                gminy_total=count,
                left_out=[
                    GminaRef(
                        uid=gmina.uid,
                        name=gmina.display_name(lang),
                        gmina_type=t
                        if isinstance(t := gmina.properties.get("gmina_type"), str)
                        else None,
                        population=p
                        if isinstance(p := gmina.properties.get("population"), int)
                        else None,
                    )
                    for gmina, _ in left
                ],
                population_left_out=sum(populations) if populations else None,
                data_coverage=data_coverage(known_gaps, areas=_GMINA_EVIDENCE_AREAS),
                evidence=[
                    edge_item(edge, nodes, lang, ref) for _, edge in left if edge is not None
                ],
            )
        )
    return LeftOutGminyAnswer(
        query="gaps.gminy",
        lang=lang,
        parameters={**params(at, period), "region": region},
        gminy_total=total,
        left_out_total=sum(len(group.left_out) for group in results),
        results=results,
        coverage=build_coverage(
            view,
            (item for group in results for item in group.evidence),
            at=at,
            period=window.period,
            known_gaps=known_gaps,
            whole_graph=True,
        ),
    )
