"""Partners an actor could approach: not yet connected, close in the co-operation network.

Proximity is measured in the actor co-operation projection (see
:mod:`partnergraph.queries.projection`), read from its carrier index (cached per data
version and shared with ``clusters``; at keep.eu scale the walk around a hub through
``neighbours()`` took 19 s in memory and a minute on Neo4j): for a candidate ``c`` of actor
``a``, the common neighbours ``Γ(a) ∩ Γ(c)`` and the Adamic–Adar index ``Σ 1 / ln |Γ(z)|``
over them (a shared partner with few partners of its own says more than a hub). Candidates
are

- with ``priority``: the actors with evidence for it (as ``partners_for_priority`` finds it);
- without: the actors two steps away in the projection (partners of partners).

Already connected, and never suggested: the actor's projection neighbours and every node it
has a direct relationship with (a gmina's powiat, its twin town ...). Ranking: Adamic–Adar,
then number of common neighbours, then the priority score, then uid.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from partnergraph.errors import QueryError
from partnergraph.graph.store import GraphStore
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
    Finding,
    Window,
    cached_reader,
    findings_for_priorities,
    partner_country,
    reference_day,
)
from partnergraph.queries.partners import PriorityMatch, finding_weight, resolve_priorities
from partnergraph.queries.projection import Group, carrier_index
from partnergraph.queries.sentences import edge_period, intersect, tie_sentence
from partnergraph.queries.snapshot import as_of, snapshot

__all__ = ["Suggestion", "SuggestionsAnswer", "suggest_partners"]

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


class Suggestion(BaseModel):
    model_config = ConfigDict(frozen=True)

    rank: int
    actor: NodeRef
    country: str | None
    adamic_adar: float
    common_neighbours: list[NodeRef]
    priority_score: float | None
    reason: str
    evidence: list[EvidenceItem]


class SuggestionsAnswer(Answer):
    actor: NodeRef
    priorities: list[PriorityMatch]
    total: int
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


def _reason(
    lang: Lang,
    matches: list[tuple[Node, str]],
    findings: list[Finding],
    score: float | None,
    common: list[Node],
) -> str:
    parts = []
    if matches and score is not None:
        names = ", ".join(
            f"„{n.display_name(lang)}”" if lang == "pl" else f"“{n.display_name(lang)}”"
            for n, _ in matches
        )
        counts = Counter(f.kind for f in findings)
        table = _KINDS_PL if lang == "pl" else _KINDS_EN
        detail = ", ".join(f"{table[kind]} {count}" for kind, count in sorted(counts.items()))
        if lang == "pl":
            parts.append(f"Obejmuje {names} (wynik {score:g}: {detail}).")
        else:
            parts.append(f"Covers {names} (score {score:g}: {detail}).")
    shown = ", ".join(node.display_name(lang) for node in common)
    if common:
        parts.append(
            f"Wspólni partnerzy ({len(common)}): {shown}."
            if lang == "pl"
            else f"{len(common)} common partner{'s' if len(common) > 1 else ''}: {shown}."
        )
    else:
        parts.append("Brak wspólnych partnerów." if lang == "pl" else "No common partners yet.")
    return " ".join(parts)


def suggest_partners(
    store: GraphStore,
    actor: str,
    *,
    priority: str | None = None,
    k: int = 10,
    at: dt.date | None = None,
    reference_date: dt.date | None = None,
    lang: Lang = "pl",
    known_gaps: Sequence[str] = (),
) -> SuggestionsAnswer:
    """Actors not yet connected to ``actor``, ranked by proximity, each with the reason.

    Parameters
    ----------
    store : GraphStore
        The graph (or a snapshot).
    actor : str
        Uid of a region, county, gmina or organisation.
    priority : str, optional
        A priority uid or words (as in ``partners_for_priority``): suggest only actors with
        evidence for it, and rank ties by their score for it.
    k : int
        At most this many suggestions (1–100); ``total`` counts all candidates.
    at : datetime.date, optional
        Only co-operation and evidence that hold on this day.
    reference_date : datetime.date, optional
        The day recency and tense are measured from; default ``at``, else today.
    lang : {"pl", "en"}
        Language of names and reasons.
    known_gaps : sequence of str
        Curated notes on what the data misses, passed into ``coverage``.

    Returns
    -------
    SuggestionsAnswer
        ``results`` best first, each with ``adamic_adar`` (6 decimals), the
        ``common_neighbours``, the ``priority_score`` and ``evidence``: the candidate's
        evidence for the priority, then its ties to the common neighbours.

    Raises
    ------
    NotFound
        Unknown uid (or not valid on ``at``).
    QueryError
        ``actor`` is not an actor, ``k`` out of range, or the priority text matches nothing.

    Examples
    --------
    >>> answer = suggest_partners(store, "teryt:2814112", priority="water")  # doctest: +SKIP
    >>> answer.results[0].actor.uid
    'nuts:PL63'
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
    index = carrier_index(view)
    mine = index.ties(actor)
    connected = set(mine) | {n.node.uid for n in view.neighbours(actor)} | {actor}
    nodes: dict[str, Node] = {}
    for uid, groups in mine.items():
        nodes[uid] = groups[0].members[uid][0]
    # Each common neighbour z's own neighbours: the candidates it brings, and |Γ(z)|.
    second = {z: index.neighbours(z) for z in mine}
    commons: dict[str, list[str]] = {}
    for z in sorted(mine):
        for uid in second[z]:
            commons.setdefault(uid, []).append(z)

    matches: list[tuple[Node, str]] = []
    by_partner: dict[str, list[Finding]] = {}
    if priority is not None:
        matches = resolve_priorities(view, priority)
        found = findings_for_priorities(cached_reader(view), [n for n, _ in matches], Window(at=at))
        for finding in found:
            if finding.partner.label in ACTOR_LABELS:
                by_partner.setdefault(finding.partner.uid, []).append(finding)
                nodes.setdefault(finding.partner.uid, finding.partner)
        candidates = set(by_partner) - connected
    else:
        candidates = set(commons) - connected

    ranked = []
    for uid in candidates:
        common = commons.get(uid, [])
        aa = round(sum(1.0 / math.log(len(second[z])) for z in common), 6)
        weighted = [(finding_weight(f, ref), f) for f in by_partner.get(uid, [])]
        weighted.sort(key=lambda wf: (-wf[0], wf[1].chain_key))
        score = round(sum(w for w, _ in weighted), 4) if priority is not None else None
        ranked.append((aa, common, score, uid, weighted))
    ranked.sort(key=lambda row: (-row[0], -len(row[1]), -(row[2] or 0.0), row[3]))

    results = []
    for rank, (aa, common, score, uid, weighted) in enumerate(ranked[:k], start=1):
        shared = {z: index.first_shared(z, uid) for z in common}
        candidate = nodes.get(uid) or next(iter(shared.values())).members[uid][0]
        evidence = [f.item(lang, ref, w) for w, f in weighted]
        evidence += [_tie_item(candidate, nodes[z], shared[z], lang, ref) for z in common]
        results.append(
            Suggestion(
                rank=rank,
                actor=NodeRef.of(candidate, lang),
                country=partner_country(candidate),
                adamic_adar=aa,
                common_neighbours=[NodeRef.of(nodes[z], lang) for z in common],
                priority_score=score,
                reason=_reason(
                    lang, matches, [f for _, f in weighted], score, [nodes[z] for z in common]
                ),
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
        },
        actor=NodeRef.of(me, lang),
        priorities=[
            PriorityMatch(priority=NodeRef.of(node, lang), matched_on=matched)
            for node, matched in matches
        ],
        total=len(ranked),
        results=results,
        coverage=build_coverage(
            view,
            (item for result in results for item in result.evidence),
            at=at,
            known_gaps=known_gaps,
        ),
    )
