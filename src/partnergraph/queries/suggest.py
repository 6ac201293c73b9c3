"""Partners an actor could approach: not yet connected, still active, worth a first call.

Candidates
----------
- with ``priority``: the actors with evidence for it (as ``partners_for_priority`` finds it);
- without: the actors two steps away in the co-operation projection (partners of partners,
  see :mod:`partnergraph.queries.projection`).

Never suggested: the actor's projection neighbours and every node it has a direct
relationship with (a gmina's powiat, its twin town ...). Left out unless
``include_inactive``: candidates whose standing on the reference day is *suspended*, *ended*
or *inactive* (:mod:`partnergraph.queries.standing`: Kaliningrad Oblast, suspended from the
ERB since 2 March 2022, is not suggested; ``excluded`` counts those left out).

Score
-----
Four factors, each scaled to 0–1, weighted and summed (so the score is between 0 and 1,
rounded to 3 decimals):

=====================  ======  ==========================================================
factor                 weight  value (0–1)
=====================  ======  ==========================================================
shared priorities      0.35    ``s / (s + 1)`` for ``s`` priorities both the actor and
                               the candidate have direct evidence for (agreement, project,
                               membership or declared focus; ``findings_for_actor``):
                               1 → 0.5, 2 → 0.67, 3 → 0.75
network proximity      0.30    ``aa / (aa + 1)`` for the Adamic–Adar index ``aa`` =
                               ``Σ 1 / ln |Γ(z)|`` over common partners ``z`` (a shared
                               partner with few partners of its own says more than a hub)
recency                0.20    ``0.5 ** (years / 5)``: ``years`` since the candidate's most
                               recent *shared* evidence ended (its evidence for the shared or
                               asked priorities and its ties to the common partners;
                               ongoing = 0 years = 1.0); no dated shared evidence = 0
same programme area    0.15    1 when the candidate lies in the eligible area of a programme
                               (ELIGIBLE_AREA, followed up through LOCATED_IN and PART_OF)
                               that the actor's own territory is also eligible for, else 0;
                               any programme period (the data records areas for 2014–2020)
=====================  ======  ==========================================================

Why these weights: working on the same things is what makes a partnership worth proposing,
so shared priorities weigh most; a common partner who can introduce the two comes next; a
recently active candidate is more likely to answer; and a shared programme area decides
whether a joint application can be funded, but says nothing of fit by itself.

Ties (equal rounded score) are broken by more common partners, then the higher unrounded
Adamic–Adar, then more links to carriers (projects, agreements, bodies) shared with the
common partners (a region that sits with the common partner in the ERB and two of its bodies
before one that shares only the ERB), then the higher priority score (with ``priority``),
then uid.

What is read, and how much: the carrier groups around the actor and around each of its
partners (:func:`~partnergraph.queries.projection.local_index`, two ``carrier_groups``
calls), the chains of the actor, then those of every candidate that end at the actor's
priorities (two ``actor_chains`` calls), their standing (one ``spans_of`` call per kind of
evidence: only the dates and status of each, not the relationships) and programme areas (one
``neighbours_of`` call per level of the territorial hierarchy). On Neo4j these are a fixed few
statements, whatever the size of the graph; both stores give the same answer from the same
graph.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from partnergraph.errors import QueryError
from partnergraph.gcpause import gc_paused
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import ACTOR_LABELS, Node
from partnergraph.queries.answers import (
    Answer,
    EvidenceItem,
    Lang,
    NodeRef,
    Relationship,
    build_coverage,
)
from partnergraph.queries.evidence import (
    Chain,
    Finding,
    Window,
    actor_order,
    findings_for_priorities,
    partner_country,
    reference_day,
    weighed,
)
from partnergraph.queries.partners import PriorityMatch, resolve_priorities
from partnergraph.queries.projection import CarrierIndex, Group, carrier_index, local_index
from partnergraph.queries.sentences import edge_period, intersect, tie_sentence
from partnergraph.queries.snapshot import as_of, live, snapshot
from partnergraph.queries.standing import StandingStatus, statuses
from partnergraph.queries.suggest_factors import (
    RECENCY_HALF_LIFE_YEARS,
    WEIGHTS,
    ProgrammeAreas,
    combined_score,
    recency,
    tie_periods,
)

__all__ = [
    "RECENCY_HALF_LIFE_YEARS",
    "WEIGHTS",
    "Suggestion",
    "SuggestionFactors",
    "SuggestionsAnswer",
    "suggest_partners",
]

_SHOWN = 3  # names listed in a reason before "and N more"

_KINDS_EN = {
    "agreement": "agreements",
    "project": "projects",
    "network": "memberships",
    "declared": "declared",
}
_KINDS_PL = {
    "agreement": "porozumienia",
    "project": "projekty",
    "network": "członkostwa",
    "declared": "deklaracje",
}
_STANDING_PL = {
    "active": "aktywny",
    "suspended": "zawieszony",
    "ended": "zakończony",
    "inactive": "nieaktywny",
    "unknown": "brak danych",
}


class SuggestionFactors(BaseModel):
    """The values behind a suggestion's score (see the module docstring)."""

    model_config = ConfigDict(frozen=True)

    shared_priorities: int
    recency_years: float | None
    same_programme_area: bool
    adamic_adar: float


class Suggestion(BaseModel):
    model_config = ConfigDict(frozen=True)

    rank: int
    actor: NodeRef
    country: str | None
    score: float
    factors: SuggestionFactors
    standing: StandingStatus
    adamic_adar: float
    common_neighbours: list[NodeRef]
    shared_priorities: list[NodeRef]
    programmes: list[NodeRef]
    priority_score: float | None
    reason: str
    evidence: list[EvidenceItem]


class SuggestionsAnswer(Answer):
    actor: NodeRef
    priorities: list[PriorityMatch]
    total: int
    excluded: int
    results: list[Suggestion]


def _tie_item(
    candidate: Node, common: Node, group: Group, lang: Lang, ref: dt.date
) -> EvidenceItem:
    """The candidate's tie to a common neighbour, as evidence: its own link to the shared
    carrier (or the neighbour's, when the candidate is the carrier), the other as support."""
    own = group.members[candidate.uid][1]
    theirs = group.members[common.uid][1]
    edge = own or theirs
    assert edge is not None  # a group's members all have a link, except the carrier itself
    other = theirs if own is not None else None
    ends = {candidate.uid: candidate, common.uid: common, group.carrier.uid: group.carrier}
    source, target = ends[edge.source], ends[edge.target]
    periods = [edge_period(edge, source, target)]
    if other is not None:
        periods.append((other.valid_from, other.valid_to))
    start, end = intersect(periods)
    sources = set(edge.sources) | (set(other.sources) if other is not None else set())
    return EvidenceItem(
        type=edge.type,
        from_uid=edge.source,
        from_name=source.display_name(lang),
        to_uid=edge.target,
        to_name=target.display_name(lang),
        key=edge.key,
        valid_from=start,
        valid_to=end,
        sources=sorted(sources),
        explanation=tie_sentence(candidate, common, group.carrier, start, end, lang, ref=ref),
        supporting=[Relationship.of(other)] if other is not None else [],
    )


def _shared_group(index: CarrierIndex, candidate: str, common: str) -> Group:
    """The carrier to show for a tie: of those the two share, one where their links held at
    the same time, the latest ending (open-ended first); else the first by carrier uid."""
    theirs = set(index.carriers_of.get(common, ()))
    best: tuple[tuple[bool, bool, str], Group] | None = None
    for carrier in index.carriers_of.get(candidate, ()):
        if carrier not in theirs:
            continue
        group = index.groups[carrier]
        node = group.carrier
        periods = [(node.valid_from, node.valid_to)]
        for uid in (candidate, common):
            link = group.members[uid][1]
            if link is not None:
                periods.append((link.valid_from, link.valid_to))
        start, end = intersect(periods)
        overlap = start is None or end is None or start <= end
        key = (overlap, end is None, end or "")
        if best is None or key > best[0]:
            best = (key, group)
    return best[1] if best is not None else index.first_shared(common, candidate)


@dataclass
class _Candidate:
    uid: str
    node: Node
    common: list[str]
    aa: float
    weighted: list[tuple[float, Finding]]
    priority_score: float | None
    status: StandingStatus
    shared: list[Node]
    shared_findings: list[Finding]
    recency_years: float | None
    last_active: dt.date | None
    programmes: list[str]
    ties: int
    score: float = 0.0

    @property
    def key(self) -> tuple[float, int, float, int, float, str]:
        return (
            -self.score,
            -len(self.common),
            -self.aa,
            -self.ties,
            -(self.priority_score or 0.0),
            self.uid,
        )


def _names(nodes: Sequence[Node], lang: Lang, quoted: bool) -> str:
    def one(node: Node) -> str:
        name = node.display_name(lang)
        if not quoted:
            return name
        return f"„{name}”" if lang == "pl" else f"“{name}”"

    shown = ", ".join(one(n) for n in nodes[:_SHOWN])
    more = len(nodes) - _SHOWN
    if more > 0:
        shown += f" i {more} innych" if lang == "pl" else f" and {more} more"
    return shown


def _reason(
    lang: Lang,
    matches: list[tuple[Node, str]],
    candidate: _Candidate,
    common: list[Node],
    programmes: list[Node],
    ref: dt.date,
) -> str:
    """One sentence per suggestion naming the factors that contributed."""
    pl = lang == "pl"
    parts = []
    score = candidate.priority_score
    if matches and score is not None:
        names = _names([n for n, _ in matches], lang, quoted=True)
        counts = Counter(f.kind for _, f in candidate.weighted)
        table = _KINDS_PL if pl else _KINDS_EN
        detail = ", ".join(f"{table[kind]} {count}" for kind, count in sorted(counts.items()))
        parts.append(
            f"Obejmuje {names} (wynik {score:g}: {detail})."
            if pl
            else f"Covers {names} (score {score:g}: {detail})."
        )
    factors = []
    shared = candidate.shared
    if shared:
        names = _names(shared, lang, quoted=True)
        if pl:
            factors.append(f"wspólne priorytety ({len(shared)}): {names}")
        else:
            plural = "priorities" if len(shared) > 1 else "priority"
            factors.append(f"shares {len(shared)} {plural}: {names}")
    if candidate.last_active is not None:
        year = candidate.last_active.year
        if candidate.last_active == ref:
            factors.append(f"aktywny w {year} r." if pl else f"active in {year}")
        else:
            factors.append(f"ostatnio aktywny w {year} r." if pl else f"last active in {year}")
    if programmes:
        names = _names(programmes, lang, quoted=False)
        factors.append(f"oba podmioty w obszarze: {names}" if pl else f"both in the {names} area")
    if common:
        names = _names(common, lang, quoted=False)
        if pl:
            factors.append(f"wspólni partnerzy ({len(common)}): {names}")
        else:
            plural = "partners" if len(common) > 1 else "partner"
            factors.append(f"{len(common)} common {plural}: {names}")
    else:
        factors.append("brak wspólnych partnerów" if pl else "no common partners yet")
    if candidate.status not in ("active", "unknown"):
        factors.append(
            f"status: {_STANDING_PL[candidate.status]}" if pl else f"standing: {candidate.status}"
        )
    sentence = "; ".join(factors)
    parts.append(sentence[0].upper() + sentence[1:] + ("" if sentence.endswith(".") else "."))
    return " ".join(parts)


def _priorities(
    view: GraphStore,
    actors: Sequence[str],
    window: Window,
    only: Collection[str] | None = None,
) -> dict[str, dict[str, list[Chain]]]:
    """Each actor's direct chains by priority uid (``findings_for_actor``'s, in its order),
    for many actors in one ``actor_chains`` call; ``only``: the chains ending at these
    priorities. Chains, not findings: only the few a suggestion shows become findings
    (:func:`_latest`)."""
    by_actor: dict[str, list[Chain]] = {}
    for chain in view.actor_chains(actors, window=window, priorities=only):
        by_actor.setdefault(chain.partner.uid, []).append(chain)
    found: dict[str, dict[str, list[Chain]]] = {}
    for uid, chains in by_actor.items():
        mine = found.setdefault(uid, {})
        for chain in sorted(chains, key=actor_order):
            mine.setdefault(chain.priority.uid, []).append(chain)
    return found


def _latest(chains: list[Chain]) -> Finding:
    """The chain that held last (open-ended first), then by evidence order, as a finding."""
    return Finding.of(max(chains, key=lambda f: (f.end is None, f.end or "")))


@gc_paused()
def suggest_partners(
    store: GraphStore,
    actor: str,
    *,
    priority: str | None = None,
    k: int = 10,
    at: dt.date | None = None,
    reference_date: dt.date | None = None,
    include_inactive: bool = False,
    lang: Lang = "pl",
    known_gaps: Sequence[CoverageNote] = (),
) -> SuggestionsAnswer:
    """Actors not yet connected to ``actor`` and still active, ranked by the score of the
    module docstring, each with the reason and the factor values.

    Parameters
    ----------
    store : GraphStore
        The graph (or a snapshot).
    actor : str
        Uid of a region, county, gmina or organisation.
    priority : str, optional
        A priority uid or words (as in ``partners_for_priority``): suggest only actors with
        evidence for it; their score for it breaks ties.
    k : int
        At most this many suggestions (1–100); ``total`` counts all candidates kept.
    at : datetime.date, optional
        Only co-operation and evidence that hold on this day.
    reference_date : datetime.date, optional
        The day standing and recency are measured on; default ``at``, else today.
    include_inactive : bool
        Keep candidates that are suspended, ended or inactive on the reference day.
    lang : {"pl", "en"}
        Language of names and reasons.
    known_gaps : sequence of CoverageNote
        Curated notes on what the data misses, passed into ``coverage``.

    Returns
    -------
    SuggestionsAnswer
        ``results`` best first, each with ``score`` (3 decimals), ``factors``, its
        ``standing``, the ``common_neighbours``, ``shared_priorities``, the shared
        ``programmes``, the ``priority_score`` and ``evidence``: the candidate's evidence
        for the asked priority, for each shared priority (its latest), then its ties to the
        common neighbours. ``excluded`` counts candidates left out for their standing.

    Raises
    ------
    NotFound
        Unknown uid (or not valid on ``at``).
    QueryError
        ``actor`` is not an actor, ``k`` out of range, or the priority text matches nothing.

    Examples
    --------
    >>> answer = suggest_partners(store, "teryt:2861011", lang="en")  # doctest: +SKIP
    >>> answer.results[0].factors.shared_priorities
    2
    """
    if not 1 <= k <= 100:
        raise QueryError("k must be between 1 and 100")
    view = snapshot(store, at)
    at = as_of(view)
    ref = reference_day(at, reference_date)
    me = view.node(actor)
    if me.label not in ACTOR_LABELS:
        raise QueryError(
            f"{actor} is a {me.label.value}; suggestions are for regions, counties, gminy "
            "and organisations"
        )
    # The ties around the actor and around each of its partners (two statements on Neo4j),
    # not the whole projection; standing and programme areas read the live graph (standing
    # looks before the day too), in one call per kind of evidence and per level.
    # In memory the whole index is cached per data version and costs nothing to keep; a
    # server answers the groups around the actor (no copy of the projection in the worker).
    index = carrier_index(view) if view.backend == "memory" else local_index(view, actor)
    whole = live(view)
    mine = index.ties(actor)
    connected = set(mine) | {n.node.uid for n in view.neighbours(actor)} | {actor}
    # Each common neighbour z's own neighbours: the candidates it brings, and |Γ(z)|.
    second = {z: index.neighbours(z) for z in mine}
    commons: dict[str, list[str]] = {}
    for z in sorted(mine):
        for uid in second[z]:
            commons.setdefault(uid, []).append(z)

    matches: list[tuple[Node, str]] = []
    by_partner: dict[str, list[Finding]] = {}
    window = Window(at=at)
    if priority is not None:
        matches = resolve_priorities(view, priority)
        found = findings_for_priorities(view, [n for n, _ in matches], window)
        for finding in found:
            if finding.partner.label in ACTOR_LABELS:
                by_partner.setdefault(finding.partner.uid, []).append(finding)
        candidates = set(by_partner) - connected
    else:
        candidates = set(commons) - connected

    ordered = sorted(candidates)
    nodes = view.get_nodes(ordered)
    my_priorities = _priorities(view, [actor], window).get(actor, {})
    # a candidate's priorities count only where they meet the actor's (shared priorities and
    # their latest evidence): only those chains are asked for, a few of every candidate's
    priorities_of = _priorities(view, ordered, window, only=my_priorities) if my_priorities else {}
    status_of = statuses(whole, [nodes[uid] for uid in ordered], ref)
    areas = ProgrammeAreas(whole)
    areas.read([actor, *ordered])
    my_areas = areas.of(actor)
    ranked: list[_Candidate] = []
    excluded = 0
    for uid in ordered:
        node = nodes[uid]
        status = status_of[uid]
        if status not in ("active", "unknown") and not include_inactive:
            excluded += 1
            continue
        common = commons.get(uid, [])
        aa = round(sum(1.0 / math.log(len(second[z])) for z in common), 6)
        weighted = weighed(by_partner.get(uid, []), ref)
        score = round(sum(w for w, _ in weighted), 4) if priority is not None else None
        theirs = priorities_of.get(uid, {})
        shared_uids = sorted(set(theirs) & set(my_priorities))
        shared_findings = [_latest(theirs[p]) for p in shared_uids]
        periods = [(f.start, f.end) for f in shared_findings]
        periods += [(f.start, f.end) for _, f in weighted]
        ties = tie_periods(index, uid, common)
        periods += ties
        recency_years, last_active = recency(periods, ref)
        candidate = _Candidate(
            uid=uid,
            node=node,
            common=common,
            aa=aa,
            weighted=weighted,
            priority_score=score,
            status=status,
            shared=[theirs[p][0].priority for p in shared_uids],
            shared_findings=shared_findings,
            recency_years=recency_years,
            last_active=last_active,
            programmes=sorted(areas.of(uid) & my_areas),
            ties=len(ties),
        )
        candidate.score = combined_score(
            len(shared_uids), aa, candidate.recency_years, bool(candidate.programmes)
        )
        ranked.append(candidate)
    ranked.sort(key=lambda c: c.key)

    results = []
    common_of = view.get_nodes(sorted({z for c in ranked[:k] for z in c.common}))
    for rank, candidate in enumerate(ranked[:k], start=1):
        uid = candidate.uid
        shared_groups = {z: _shared_group(index, uid, z) for z in candidate.common}
        common_nodes = [common_of[z] for z in candidate.common]
        programmes = [areas.programmes[p] for p in candidate.programmes]
        evidence = [f.item(lang, ref, w) for w, f in candidate.weighted]
        seen = {(f.chain_key, f.priority.uid) for _, f in candidate.weighted}
        evidence += [
            f.item(lang, ref)
            for f in candidate.shared_findings
            if (f.chain_key, f.priority.uid) not in seen
        ]
        evidence += [
            _tie_item(candidate.node, z, shared_groups[z.uid], lang, ref) for z in common_nodes
        ]
        results.append(
            Suggestion(
                rank=rank,
                actor=NodeRef.of(candidate.node, lang),
                country=partner_country(candidate.node),
                score=candidate.score,
                factors=SuggestionFactors(
                    shared_priorities=len(candidate.shared),
                    recency_years=candidate.recency_years,
                    same_programme_area=bool(candidate.programmes),
                    adamic_adar=candidate.aa,
                ),
                standing=candidate.status,
                adamic_adar=candidate.aa,
                common_neighbours=[NodeRef.of(z, lang) for z in common_nodes],
                shared_priorities=[NodeRef.of(p, lang) for p in candidate.shared],
                programmes=[NodeRef.of(p, lang) for p in programmes],
                priority_score=candidate.priority_score,
                reason=_reason(lang, matches, candidate, common_nodes, programmes, ref),
                evidence=evidence,
            )
        )
    return SuggestionsAnswer(
        query="suggest_partners",
        lang=lang,
        parameters={
            "actor": actor,
            "priority": priority,
            "k": k,
            "at": at.isoformat() if at else None,
            "reference_date": ref.isoformat(),
            "include_inactive": include_inactive,
        },
        actor=NodeRef.of(me, lang),
        priorities=[
            PriorityMatch(priority=NodeRef.of(node, lang), matched_on=matched)
            for node, matched in matches
        ],
        total=len(ranked),
        excluded=excluded,
        results=results,
        coverage=build_coverage(
            view,
            (item for result in results for item in result.evidence),
            at=at,
            known_gaps=known_gaps,
        ),
    )
