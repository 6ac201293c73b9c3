"""Entity resolution: one organisation seen under many spellings, in many rows and sources.

The rules, in the order they apply (``docs/ingest.md`` has the measured precision/recall):

1. **Identifiers.** Mentions with the same PIC or VAT number are one organisation, and an
   organisation or territory already in the graph with that identifier is that one.
2. **Normalised names** (``resolve_names``). A name is reduced to canonical tokens: case,
   diacritics, punctuation, legal forms (``sp. z o.o.``, ``GmbH``, ``UAB`` …), bracketed
   remarks and filler words are dropped; common words in the languages around the Baltic
   become one English token (``Uniwersytet``/``Universitet``→``university``,
   ``Urząd``→``office``, ``Województwo``/``Voivodeship``→``region``), kind words also when
   misspelt ("Accociation"); Polish adjectives lose their case endings and Polish region
   names meet their English translations; a municipality's kind depends on the country
   (``tokens_of``). Same country and same canonical tokens (in any order) is the same
   organisation, unless both give towns and the towns differ.
3. **Fuzzy names** (``resolve_decide``). Within a country, rapidfuzz's ``token_sort_ratio``
   of the canonical names: at or above :data:`MERGE_THRESHOLD` the mentions are merged, if
   their towns agree, their numbers agree (``School No 5`` is not ``School No 7``) and they
   are the same kind of body (a ``city`` is not a ``municipality``: Polish towns and the
   rural gminy around them share names). From :data:`REVIEW_THRESHOLD` up, or when a guard
   stops a merge, the pair is written to the review file and *not* merged.
4. **Territories as actors** (``resolve_known``). A mention that names a territory's
   authority ("Marshal's Office of the Pomorskie Voivodeship", "Gmina Miejska Kościerzyna",
   "Kalmar kommun") becomes that Region or Municipality when exactly one in the graph fits;
   ambiguous ones go to review, and two kinds of territory named in one project stay two.
5. **A person's decisions** (:class:`Decisions`, ``partnergraph review``): accepted pairs
   are merged, rejected pairs never are.

Every name a merged organisation was seen under is kept as an alias by the caller.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from partnergraph.ingest.resolve_decide import (
    _clean_id,
    _decide,
    _stem_key,
    cities_compatible,
    compare,
)
from partnergraph.ingest.resolve_known import _match_known
from partnergraph.ingest.resolve_model import (
    MERGE_THRESHOLD,
    REVIEW_THRESHOLD,
    Decision,
    Decisions,
    Known,
    Mention,
    Resolution,
    ReviewPair,
    decision_key,
)
from partnergraph.ingest.resolve_names import (
    _key,
    canonical_tokens,
    mention_tokens,
    place_of,
    tokens_of,
)

__all__ = [
    "MERGE_THRESHOLD",
    "REVIEW_THRESHOLD",
    "Decision",
    "Decisions",
    "Known",
    "Mention",
    "Resolution",
    "ReviewPair",
    "canonical_tokens",
    "compare",
    "place_of",
    "resolve",
]


# -- resolving many mentions ---------------------------------------------------------------


class _Groups:
    """Union-find over mentions, remembering the towns each group was seen in."""

    def __init__(self, mentions: Sequence[Mention], decisions: Decisions) -> None:
        self.parent = list(range(len(mentions)))
        self.cities: list[set[str]] = [{m.city} if m.city else set() for m in mentions]
        self.names: list[set[str]] = [{m.name, *m.other_names} for m in mentions]
        self.decisions = decisions

    def rejected(self, a: int, b: int) -> bool:
        """Whether a person said some name of one group is not some name of the other."""
        if not self.decisions.rejected:
            return False
        return self.decisions.is_rejected(self.names[self.find(a)], self.names[self.find(b)])

    def find(self, index: int) -> int:
        root = index
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[index] != root:
            self.parent[index], index = root, self.parent[index]
        return root

    def towns_agree(self, a: int, b: int) -> bool:
        return cities_compatible(self.cities[self.find(a)], self.cities[self.find(b)])

    def towns_known(self, a: int, b: int) -> bool:
        return bool(self.cities[self.find(a)] and self.cities[self.find(b)])

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return
        if root_b < root_a:
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a
        self.cities[root_a] |= self.cities[root_b]
        self.names[root_a] |= self.names[root_b]


def resolve(
    mentions: Sequence[Mention],
    known: Sequence[Known] = (),
    *,
    merge_threshold: float = MERGE_THRESHOLD,
    review_threshold: float = REVIEW_THRESHOLD,
    decisions: Decisions | None = None,
) -> Resolution:
    """Group mentions into organisations and match the groups to actors already known.

    Deterministic: the same mentions in the same order give the same groups. ``decisions``
    are a person's answers to earlier review pairs: accepted pairs are merged first,
    rejected pairs are never merged (nor matched to each other in the graph).
    """
    decisions = decisions or Decisions()
    groups = _Groups(mentions, decisions)
    review: list[ReviewPair] = []
    stats: Counter[str] = Counter()
    tokens = [tokens_of(m.name, m.country) for m in mentions]

    # 1. identifiers
    for attribute in ("pic", "vat"):
        by_id: dict[str, int] = {}
        for index, mention in enumerate(mentions):
            ident = _clean_id(getattr(mention, attribute))
            if ident is None:
                continue
            if ident in by_id:
                same = groups.find(by_id[ident]) == groups.find(index)
                if not same and not groups.rejected(by_id[ident], index):
                    groups.union(by_id[ident], index)
                    stats[f"merged by {attribute.upper()}"] += 1
            else:
                by_id[ident] = index

    # 2. same normalised name (and other names) within a country
    by_key: dict[tuple[str | None, str], int] = {}
    for index, mention in enumerate(mentions):
        names = [name_tokens for _, name_tokens in mention_tokens(mention, mention.country)]
        for name_tokens in names:
            if not name_tokens:
                continue
            key = (mention.country, _key(name_tokens))
            first = by_key.setdefault(key, index)
            if first == index or groups.find(first) == groups.find(index):
                continue
            if groups.rejected(first, index):
                stats["not merged: rejected in review"] += 1
                continue
            decision = _decide(
                name_tokens,
                name_tokens,
                groups.towns_agree(first, index),
                towns_known=groups.towns_known(first, index),
            )
            if decision.verdict == "merge":
                groups.union(first, index)
                stats["merged by normalised name"] += 1
            else:
                review.append(_pair(mentions, first, index, 100.0, decision.reason))

    # 3. fuzzy names within a country, one representative name per group
    by_country: dict[str | None, dict[str, int]] = defaultdict(dict)
    for index, mention in enumerate(mentions):
        if tokens[index]:
            by_country[mention.country].setdefault(_key(tokens[index]), index)
    for country in sorted(by_country, key=lambda c: c or ""):
        keys = list(by_country[country])
        if len(keys) < 2:
            continue
        stems = [_stem_key(tokens[by_country[country][key]]) for key in keys]
        matrix = np.maximum(
            process.cdist(keys, keys, scorer=fuzz.token_sort_ratio, workers=1),
            process.cdist(stems, stems, scorer=fuzz.token_sort_ratio, workers=1),
        )
        rows, cols = (matrix >= review_threshold).nonzero()
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            if j <= i:
                continue
            a, b = by_country[country][keys[i]], by_country[country][keys[j]]
            if groups.find(a) == groups.find(b) or groups.rejected(a, b):
                continue
            decision = _decide(
                tokens[a],
                tokens[b],
                groups.towns_agree(a, b),
                float(matrix[i, j]),
                merge_threshold,
                review_threshold,
                town=next(iter(sorted(groups.cities[groups.find(a)])), None),
                towns_known=groups.towns_known(a, b),
                country=country,
            )
            if decision.verdict == "merge":
                groups.union(a, b)
                stats["merged by similar name"] += 1
            elif decision.verdict == "review":
                review.append(_pair(mentions, a, b, decision.score, decision.reason))

    # 4. pairs a person accepted in review
    if decisions.accepted:
        by_name: dict[str, list[int]] = defaultdict(list)
        for index, mention in enumerate(mentions):
            for name in (mention.name, *mention.other_names):
                by_name[decision_key(name)].append(index)
        for index, mention in enumerate(mentions):
            for other in decisions.partners(mention.name):
                for match in by_name.get(other, ()):
                    if groups.find(match) != groups.find(index):
                        groups.union(match, index)
                        stats["merged by review decision"] += 1

    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(mentions)):
        members[groups.find(index)].append(index)
    ordered = [members[root] for root in sorted(members)]
    matched = _match_known(
        ordered, mentions, tokens, known, merge_threshold, review, stats, decisions
    )
    return Resolution(ordered, matched, review, stats)


def _pair(mentions: Sequence[Mention], a: int, b: int, score: float, reason: str) -> ReviewPair:
    return ReviewPair(
        mentions[a].name,
        mentions[b].name,
        mentions[a].country,
        round(score, 1),
        reason,
        mentions[a].origin,
        mentions[b].origin,
    )
