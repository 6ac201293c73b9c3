"""Which partners cover a priority, ranked, each with the evidence it rests on.

Score
-----
A partner's score is the sum, over its evidence items (one per partner and carrier, see
:mod:`partnergraph.queries.evidence`), of::

    weight = kind × role × status × alignment × recency

========== ======================================================================
factor     value
========== ======================================================================
kind       agreement 3 · project 2 · network membership 1 · declared focus 1
role       project lead 1.5 · associated partner 0.5 · anything else 1
status     agreement or membership ``suspended`` 0.5; ``ended`` with no end date
           0.5 (we know it ended, not when); otherwise 1
alignment  direct 1 · via ALIGNS_WITH ``strong`` 0.75 · ``partial`` (or unrecorded) 0.5
recency    1 while the evidence holds on the reference day; after it ended,
           0.5 for every full 5 calendar years since: 0.5 ** ((ref.year − end.year) // 5)
========== ======================================================================

The reference day is ``reference_date``, else ``at``, else today. Weights are rounded to 4
decimals, and so is a partner's score (pages and the CLI show it to 2 decimals). Ranking:
score (high first), then the number of evidence items (more first), then the most recent
evidence (the latest day any of its items held, up to the reference day; ongoing items count
as the reference day), then the name (case and diacritics ignored), then uid — so two
backends holding the same graph give the same list.

The weights and the scoring live in :mod:`partnergraph.graph.ranking`: the store ranks
(``GraphStore.partner_ranking``; Neo4j sums the weights in the database) and sends back the
first partners with those tied with the last of them, whose ties this module breaks by name;
only the evidence of the partners shown is then read.

Owners are not partners
-----------------------
A priority belongs to a framework (a Strategy or Programme that DEFINES it), and a framework
is ADOPTED_BY its owners: Pomorskie's 2008 priorities by the Sejmik and the Samorząd
Województwa Pomorskiego, ERB agendas by the Euroregion Baltic. An owner adopting its own
priorities is no partner for them, and neither is the territory it governs (a regional
government's LOCATED_IN territory: ``nuts:PL63`` for Pomorskie). Both are left out of the
ranking unless ``include_owners`` is set; the answer lists them in ``excluded_owners``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from partnergraph.errors import QueryError
from partnergraph.gcpause import gc_paused
from partnergraph.graph.ranking import (
    ALIGNMENT_WEIGHT,
    KIND_WEIGHT,
    ROLE_WEIGHT,
    Ranking,
    Scored,
    rank_chains,
)
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import Node, NodeLabel, RelType
from partnergraph.queries import _cache
from partnergraph.queries.answers import (
    Answer,
    EvidenceItem,
    Lang,
    NodeRef,
    build_coverage,
)
from partnergraph.queries.evidence import (
    Finding,
    Window,
    cached_priority_findings,
    findings_of,
    partner_country,
    reference_day,
    weighed,
)
from partnergraph.queries.regions import actors_within
from partnergraph.queries.snapshot import as_of, snapshot
from partnergraph.text import fold

__all__ = [
    "ALIGNMENT_WEIGHT",
    "KIND_WEIGHT",
    "ROLE_WEIGHT",
    "PartnerResult",
    "PartnersAnswer",
    "PriorityMatch",
    "framework_owners",
    "partners_for_priority",
    "resolve_priorities",
]

MAX_LIMIT = 500
_UID = re.compile(r"[a-z]+:\S+")


class PriorityMatch(BaseModel):
    """A priority the question was resolved to, and the name or keyword that matched."""

    model_config = ConfigDict(frozen=True)

    priority: NodeRef
    matched_on: str


class PartnerResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    rank: int
    partner: NodeRef
    country: str | None
    score: float
    evidence_counts: dict[str, int]
    evidence: list[EvidenceItem]


class PartnersAnswer(Answer):
    priorities: list[PriorityMatch]
    aligned: list[NodeRef]
    excluded_owners: list[NodeRef]
    total: int
    results: list[PartnerResult]


#: Organisation kinds that govern the territory they are LOCATED_IN (their region is theirs).
GOVERNING_KINDS = frozenset(
    {"regional government", "regional assembly", "regional council", "regional municipality"}
)


def framework_owners(store: GraphStore, priorities: Sequence[Node]) -> list[Node]:
    """The owners of the frameworks that define these priorities (ADOPTED_BY), and the
    territories the governing ones among them govern, sorted by uid.

    An owner is not its own partner: see the module docstring. One batched step per
    relationship walked (three round trips at most on a server)."""
    defining = store.neighbours_of(
        [priority.uid for priority in priorities], types=[RelType.DEFINES], direction="in"
    )
    frameworks = sorted({n.node.uid for found in defining.values() for n in found})
    adopting = store.neighbours_of(frameworks, types=[RelType.ADOPTED_BY], direction="out")
    owners = {n.node.uid: n.node for found in adopting.values() for n in found}
    governing = [uid for uid, node in owners.items() if _governs(node)]
    seats = store.neighbours_of(sorted(governing), types=[RelType.LOCATED_IN], direction="out")
    owners.update({n.node.uid: n.node for found in seats.values() for n in found})
    return [owners[uid] for uid in sorted(owners)]


def _governs(node: Node) -> bool:
    kind = node.properties.get("kind")
    return isinstance(kind, str) and kind.lower() in GOVERNING_KINDS


def _all_priorities(store: GraphStore) -> list[Node]:
    return _cache.memo(store, ("priorities",), lambda: store.nodes(NodeLabel.PRIORITY))


def _keywords(node: Node) -> list[str]:
    value = node.properties.get("keywords")
    return list(value) if isinstance(value, list) else []


def _match(folded: str, node: Node) -> str | None:
    """The name or keyword through which the text matches this priority, if any.

    The text matches when it starts a word of a name or keyword ("water" in "water
    management"), or when a keyword of three letters or more is a whole phrase of the text
    ("gospodarka wodna" in "gospodarka wodna w gminach").
    """
    fields = [name for name in (node.name, node.name_en) if name] + _keywords(node)
    start = re.compile(rf"(?<![a-z0-9]){re.escape(folded)}")
    for field in fields:
        if start.search(fold(field)):
            return field
    for keyword in _keywords(node):
        key = fold(keyword)
        if len(key) >= 3 and re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", folded):
            return keyword
    return None


_WORD = re.compile(r"[a-z0-9]+")


def _stem_match(folded: str, node: Node) -> str | None:
    """Looser match for inflected Polish ("gospodarka wodna" for "gospodarki wodno-ściekowej"):
    every word of the text, cut to its first len − 2 letters (at least 3; shorter words
    whole), starts a word of one name or keyword ("woda" finds "wodno-ściekowej")."""
    stems = [w if len(w) < 4 else w[: max(3, len(w) - 2)] for w in _WORD.findall(folded)]
    if not stems:
        return None
    fields = [name for name in (node.name, node.name_en) if name] + _keywords(node)
    for field in fields:
        words = _WORD.findall(fold(field))
        if all(any(word.startswith(stem) for word in words) for stem in stems):
            return field
    return None


def resolve_priorities(store: GraphStore, priority: str) -> list[tuple[Node, str]]:
    """The priorities a question is about: one uid, or every priority whose Polish or English
    name or keyword matches the text (case and diacritics ignored), sorted by uid. When no
    priority matches the text as written, inflected forms are tried (see ``_stem_match``).

    Raises
    ------
    NotFound
        A uid that is not in the graph.
    QueryError
        Empty text, a uid of something that is not a priority, or text no priority matches.
    """
    text = priority.strip()
    if not text:
        raise QueryError("the priority is empty; give a uid or words such as 'water'")
    if len(text) > 200:
        raise QueryError("the priority text is longer than 200 characters")
    if _UID.fullmatch(text):
        node = store.node(text)
        if node.label != NodeLabel.PRIORITY:
            raise QueryError(f"{text} is a {node.label.value}, not a Priority")
        return [(node, text)]
    folded = fold(text)
    found = []
    for node in _all_priorities(store):
        matched = _match(folded, node)
        if matched is not None:
            found.append((node, matched))
    if not found:
        for node in _all_priorities(store):
            matched = _stem_match(folded, node)
            if matched is not None:
                found.append((node, matched))
    if not found:
        raise QueryError(
            f"no priority matches {text!r} in its Polish or English name or keywords; "
            "try fewer words, or `partnergraph search --label Priority`"
        )
    return found


@gc_paused()
def partners_for_priority(
    store: GraphStore,
    priority: str,
    *,
    at: dt.date | None = None,
    countries: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    limit: int = 20,
    aligned: bool = True,
    reference_date: dt.date | None = None,
    include_owners: bool = False,
    region: str | None = None,
    lang: Lang = "pl",
    known_gaps: Sequence[CoverageNote] = (),
) -> PartnersAnswer:
    """Partners covering a priority, ranked by the documented score, with their evidence.

    Parameters
    ----------
    store : GraphStore
        The graph (or a snapshot).
    priority : str
        A priority uid (``priority:pomorskie-priorytety-2008:4``) or words matched against
        priority names and keywords in Polish and English (``"water"``, ``"gospodarka
        wodna"``); several matching priorities are asked about together.
    at : datetime.date, optional
        Only evidence that holds on this day (agreements in force, projects running ...).
    countries : sequence of str, optional
        ISO codes; only partners from these countries (networks have none).
    kinds : sequence of str, optional
        Partner labels (``Region``, ``Municipality``, ``Organisation``, ``Network``, ...) or
        organisation kinds (``university``); case does not matter.
    limit : int
        At most this many partners (1–500); ``total`` says how many there were.
    aligned : bool
        Count evidence reached through one ALIGNS_WITH step (default) or only direct.
    reference_date : datetime.date, optional
        The day recency is measured from; default ``at``, else today.
    include_owners : bool
        Also rank the owners of the priority's framework and the territory they govern
        (left out by default: an owner is not its own partner).
    region : str, optional
        Uid of a Region, powiat or gmina: only partners located in it or below it
        (PART_OF / LOCATED_IN, as ``region_activity`` counts them).
    lang : {"pl", "en"}
        Language of names and explanations.
    known_gaps : sequence of CoverageNote
        Curated notes on what the data misses; those that concern this answer go into
        ``coverage``.

    Returns
    -------
    PartnersAnswer
        ``results`` ranked best first; each with ``score``, ``evidence_counts`` by kind and
        ``evidence`` (weighted items, heaviest first); ``excluded_owners`` names who was left
        out as an owner.

    Raises
    ------
    QueryError
        The text matches no priority, a uid is not a priority, or ``limit`` is out of range.
    NotFound
        An unknown uid.

    Examples
    --------
    >>> answer = partners_for_priority(store, "water", lang="en")  # doctest: +SKIP
    >>> [(r.partner.name, r.score) for r in answer.results[:2]]
    [('Pomorskie', 4.5), ('Kalmar County', 4.0)]
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
    view = snapshot(store, at)
    at = as_of(view)
    matches = resolve_priorities(view, priority)
    asked = [node for node, _ in matches]
    ref = reference_day(at, reference_date)
    window = Window(at=at)
    wanted_countries = {code.upper() for code in countries} if countries else None
    wanted_kinds = {kind.lower() for kind in kinds} if kinds else None
    owners = framework_owners(view, asked)
    excluded = set() if include_owners else {owner.uid for owner in owners}
    within = actors_within(view, region)
    uids = [node.uid for node in asked]
    # The embedded store's warm-up holds every priority's evidence: rank it in place.
    every = cached_priority_findings(view, uids[0], window, aligned) if len(uids) == 1 else None

    def ranking() -> Ranking:
        if every is not None:
            # every partner, so that one cache entry serves every limit
            found = rank_chains(
                every,
                ref,
                top=max(len(every), 1),
                exclude=excluded,
                partners=within,
                countries=wanted_countries,
                kinds=wanted_kinds,
            )
        else:
            found = view.partner_ranking(
                uids,
                window=window,
                aligned=aligned,
                reference=ref,
                top=limit,
                exclude=excluded,
                partners=within,
                countries=wanted_countries,
                kinds=wanted_kinds,
            )
        return Ranking(found.total, sorted(found.top, key=_rank_key), found.aligned)

    ranked = _cache.memo(
        view,
        (
            "partners-ranking",
            tuple(uids),
            aligned,
            ref.isoformat(),
            None if every is not None else limit,
            tuple(sorted(wanted_countries)) if wanted_countries else None,
            tuple(sorted(wanted_kinds)) if wanted_kinds else None,
            tuple(sorted(excluded)),
            region,
        ),
        ranking,
    )
    shown = ranked.top[:limit]
    top = {scored.uid for scored in shown}
    if every is not None:
        findings = [f for f in every if f.partner.uid in top]
    else:
        chains = view.evidence_chains(uids, window=window, aligned=aligned, partners=top)
        findings = findings_of(chains)
    by_partner: dict[str, list[Finding]] = {}
    for finding in findings:
        by_partner.setdefault(finding.partner.uid, []).append(finding)

    results = []
    for rank, scored in enumerate(shown, start=1):
        weighted = weighed(by_partner[scored.uid], ref)
        partner = weighted[0][1].partner
        counts = Counter(f.kind for _, f in weighted)
        results.append(
            PartnerResult(
                rank=rank,
                partner=NodeRef.of(partner, lang),
                country=partner_country(partner),
                score=scored.score,
                evidence_counts=dict(sorted(counts.items())),
                evidence=[f.item(lang, ref, weight) for weight, f in weighted],
            )
        )
    aligned_nodes = view.get_nodes(ranked.aligned)
    return PartnersAnswer(
        query="partners_for_priority",
        lang=lang,
        parameters={
            "priority": priority,
            "at": at.isoformat() if at else None,
            "countries": sorted(wanted_countries) if wanted_countries else None,
            "kinds": sorted(wanted_kinds) if wanted_kinds else None,
            "limit": limit,
            "aligned": aligned,
            "reference_date": ref.isoformat(),
            "include_owners": include_owners,
            "region": region,
        },
        priorities=[
            PriorityMatch(priority=NodeRef.of(node, lang), matched_on=matched)
            for node, matched in matches
        ],
        aligned=[NodeRef.of(aligned_nodes[uid], lang) for uid in sorted(aligned_nodes)],
        excluded_owners=[NodeRef.of(owner, lang) for owner in owners if owner.uid in excluded],
        total=ranked.total,
        results=results,
        coverage=build_coverage(
            view,
            (item for result in results for item in result.evidence),
            at=at,
            known_gaps=known_gaps,
            touched=[node.uid for node in asked],
        ),
    )


def _rank_key(scored: Scored) -> tuple[float, int, int, str, str]:
    """The documented order: score, evidence count, latest evidence, name (case and
    diacritics ignored), uid."""
    return (
        -scored.score,
        -scored.evidence,
        -dt.date.fromisoformat(scored.latest).toordinal(),
        fold(scored.name),
        scored.uid,
    )
