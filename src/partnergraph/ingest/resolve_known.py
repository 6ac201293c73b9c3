"""Entity resolution against the graph: which node already there a group of mentions is."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from partnergraph.ingest.resolve_decide import (
    _clean_id,
    _decide,
    _similarity,
    cities_compatible,
)
from partnergraph.ingest.resolve_model import (
    REVIEW_THRESHOLD,
    Decisions,
    Known,
    Mention,
    ReviewPair,
    decision_key,
)
from partnergraph.ingest.resolve_names import (
    _TERRITORY_KINDS,
    _distinctive,
    _key,
    _name_place,
    mention_tokens,
    place_of,
    tokens_of,
)
from partnergraph.model import NodeLabel


@dataclass
class _KnownIndex:
    by_id: dict[str, str] = field(default_factory=dict)
    by_name: dict[tuple[str | None, str], list[Known]] = field(default_factory=dict)
    places: dict[tuple[str | None, str], list[Known]] = field(default_factory=dict)
    organisations: dict[str | None, list[tuple[str, Known]]] = field(default_factory=dict)
    #: uid and every name of a node, as review decisions compare them → the node's uids
    by_decision_key: dict[str, list[str]] = field(default_factory=dict)
    names_of: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _index_known(known: Sequence[Known]) -> _KnownIndex:
    index = _KnownIndex()
    for actor in known:
        index.names_of[actor.uid] = (actor.uid, *actor.names)
        for name in index.names_of[actor.uid]:
            uids = index.by_decision_key.setdefault(decision_key(name), [])
            if actor.uid not in uids:
                uids.append(actor.uid)
        for ident in (_clean_id(actor.pic), _clean_id(actor.vat)):
            if ident:
                index.by_id[ident] = actor.uid
        for name in actor.names:
            name_tokens = tokens_of(name, actor.country)
            if not name_tokens:
                continue
            key = (actor.country, _key(name_tokens))
            bucket = index.by_name.setdefault(key, [])
            if actor not in bucket:
                bucket.append(actor)
            if actor.label == NodeLabel.ORGANISATION:
                index.organisations.setdefault(actor.country, []).append((_key(name_tokens), actor))
            elif actor.label in (NodeLabel.REGION, NodeLabel.MUNICIPALITY):
                place = (actor.country, _name_place(name))
                bucket = index.places.setdefault(place, [])
                if actor not in bucket:
                    bucket.append(actor)
    return index


#: How a group was tied to a node, strongest first: when one node is found more strongly
#: than all others, it is the one (a curated organisation carrying the name beats the
#: territory the name points to).
_STRENGTH = {"identifier": 0, "decision": 0, "normalised name": 1, "territory": 2}


def _territory(kinds: frozenset[str], candidates: list[Known]) -> tuple[Known | None, str | None]:
    """The one territory a name's kinds point to among same-named ones, or why not.

    Polish towns and the rural gminy around them share names (Giżycko, Kościerzyna, Słupsk).
    A ``city`` ("City/Town/Miasto/Gmina Miejska X", and in Poland the English "Municipality
    of X", see ``tokens_of``) picks the urban gmina where one exists, then an urban-rural
    one, and a rural one only when it is the only gmina of that name (Gdynia has no rural
    gmina, Kosakowo no town); ``rural`` the rural one; a plain ``municipality`` (the Polish
    "Gmina X", "Commune X") never the urban gmina: the graph need not hold every rural gmina,
    so a town alone in the graph does not make "Gmina Elbląg" the town.
    """
    if kinds & {"region", "county"} and not kinds & {"city", "municipality", "rural"}:
        pool = [c for c in candidates if c.label == NodeLabel.REGION]
        return (pool[0], None) if len(pool) == 1 else (None, None)
    if not (kinds & {"city", "municipality", "rural"}) or kinds & {"region", "county"}:
        return None, None
    pool = [c for c in candidates if c.label == NodeLabel.MUNICIPALITY]
    if "rural" in kinds:
        preference: tuple[str, ...] = ("wiejska", "miejsko-wiejska")
    elif "city" in kinds:
        preference = ("miejska", "miejsko-wiejska", "foreign", "wiejska")
    else:
        preference = ("wiejska", "miejsko-wiejska", "foreign")
    for gmina_type in preference:
        typed = [c for c in pool if (c.gmina_type or "foreign") == gmina_type]
        if len(typed) == 1:
            return typed[0], None
        if len(typed) > 1:
            return None, "several territories of that name"
    if pool:
        return None, "a town and a rural gmina may share the name; not matched to the town"
    return None, None


def _match_known(
    groups: list[list[int]],
    mentions: Sequence[Mention],
    tokens: list[tuple[str, ...]],
    known: Sequence[Known],
    merge_threshold: float,
    review: list[ReviewPair],
    stats: Counter[str],
    decisions: Decisions | None = None,
) -> dict[int, str]:
    if not known:
        return {}
    index = _index_known(known)
    decisions = decisions or Decisions()
    matched: dict[int, str] = {}
    for group_index, members in enumerate(groups):
        found: dict[str, str] = {}
        country = mentions[members[0]].country
        cities = {city for m in members if (city := mentions[m].city)}
        names_seen = {mentions[m].name for m in members}
        for member in members:
            mention = mentions[member]
            for other in decisions.partners(mention.name):
                for uid in index.by_decision_key.get(other, ()):
                    found[uid] = "decision"
            for ident in (_clean_id(mention.pic), _clean_id(mention.vat)):
                if ident and ident in index.by_id:
                    found.setdefault(index.by_id[ident], "identifier")
            names = mention_tokens(mention, country)
            for raw, name_tokens in names:
                if name_tokens:
                    _by_name(raw, name_tokens, country, cities, index, found, review, mention)
        _drop_rejected(found, names_seen, index, decisions)
        if not found:
            _fuzzy_known(
                group_index, members, mentions, tokens, index, merge_threshold, review, found
            )
            _drop_rejected(found, names_seen, index, decisions)
        if len(found) > 1:
            best = min(_STRENGTH.get(how, 3) for how in found.values())
            strongest = [uid for uid, how in found.items() if _STRENGTH.get(how, 3) == best]
            if len(strongest) == 1:
                found = {strongest[0]: found[strongest[0]]}
        if len(found) == 1:
            uid, how = next(iter(found.items()))
            matched[group_index] = uid
            stats[f"matched to the graph by {how}"] += 1
        elif len(found) > 1:
            review.append(
                ReviewPair(
                    mentions[members[0]].name,
                    " | ".join(sorted(found)),
                    country,
                    100.0,
                    "matches several nodes in the graph; none chosen",
                    mentions[members[0]].origin,
                )
            )
    _keep_kinds_apart(groups, mentions, tokens, matched, review, stats)
    return matched


def _drop_rejected(
    found: dict[str, str], names: set[str], index: _KnownIndex, decisions: Decisions
) -> None:
    """A node a person said a name is not stays out, however it was found."""
    for uid in list(found):
        if decisions.is_rejected(names, index.names_of.get(uid, (uid,))):
            del found[uid]


def _by_name(
    raw: str,
    name_tokens: tuple[str, ...],
    country: str | None,
    cities: set[str],
    index: _KnownIndex,
    found: dict[str, str],
    review: list[ReviewPair],
    mention: Mention,
) -> None:
    """Nodes a name is by its normalised name or as a territory's authority."""
    # A bare place name ("Gdansk") is a town's body, never a NUTS region of that name
    # (nuts:PL634 "Gdański"): regions are matched by name only when a kind word says so.
    names_a_kind = any(token in _TERRITORY_KINDS for token in name_tokens)
    for actor in index.by_name.get((country, _key(name_tokens)), []):
        if actor.label == NodeLabel.REGION and not names_a_kind:
            continue
        towns = cities_compatible(cities, [actor.city] if actor.city else [])
        if towns or _distinctive(name_tokens):
            found.setdefault(actor.uid, "normalised name")
    place = place_of(name_tokens)
    if place is None:
        return
    kinds, where = place
    candidates = index.places.get((country, where), [])
    actor_match, why = _territory(kinds, candidates)
    if actor_match is not None:
        found.setdefault(actor_match.uid, "territory")
    elif why:
        review.append(ReviewPair(mention.name, where, country, 100.0, why, mention.origin, ""))


def _keep_kinds_apart(
    groups: list[list[int]],
    mentions: Sequence[Mention],
    tokens: list[tuple[str, ...]],
    matched: dict[int, str],
    review: list[ReviewPair],
    stats: Counter[str],
) -> None:
    """Two partners of one project naming different kinds of territory ("Municipality of
    Giżycko", "Rural municipality of Giżycko") are two bodies: they never end up as one
    node. The later group is left unmatched (it becomes an organisation) and reviewed."""
    by_uid: dict[str, list[int]] = {}
    for group_index in sorted(matched):
        by_uid.setdefault(matched[group_index], []).append(group_index)
    for uid, group_indices in by_uid.items():
        first = group_indices[0]
        for other in group_indices[1:]:
            for a in groups[first]:
                clash = next(
                    (
                        b
                        for b in groups[other]
                        if mentions[a].project
                        and mentions[a].project == mentions[b].project
                        and _kinds(tokens[a]) != _kinds(tokens[b])
                    ),
                    None,
                )
                if clash is not None:
                    del matched[other]
                    stats["matches undone: two kinds of territory in one project"] += 1
                    review.append(
                        ReviewPair(
                            mentions[a].name,
                            mentions[clash].name,
                            mentions[a].country,
                            100.0,
                            f"both matched {uid}, but one project names both kinds",
                            mentions[a].origin,
                            mentions[clash].origin,
                            uid,
                        )
                    )
                    break


def _kinds(name_tokens: tuple[str, ...]) -> frozenset[str]:
    return frozenset(token for token in name_tokens if token in _TERRITORY_KINDS)


def _fuzzy_known(
    group_index: int,
    members: list[int],
    mentions: Sequence[Mention],
    tokens: list[tuple[str, ...]],
    index: _KnownIndex,
    merge_threshold: float,
    review: list[ReviewPair],
    found: dict[str, str],
) -> None:
    first = members[0]
    country = mentions[first].country
    candidates = index.organisations.get(country, [])
    if not candidates or not tokens[first]:
        return
    choices = [key for key, _ in candidates]
    scores = [_similarity(tokens[first], choice.split()) for choice in choices]
    best = max(range(len(choices)), key=lambda i: (scores[i], -i))
    if scores[best] < REVIEW_THRESHOLD:
        return
    actor = candidates[best][1]
    towns = cities_compatible(
        {city for m in members if (city := mentions[m].city)}, [actor.city] if actor.city else []
    )
    known_towns = bool(actor.city and any(mentions[m].city for m in members))
    decision = _decide(
        tokens[first],
        tuple(choices[best].split()),
        towns,
        scores[best],
        merge_threshold,
        towns_known=known_towns,
        country=country,
    )
    if decision.verdict == "merge":
        found[actor.uid] = "similar name"
    elif decision.verdict == "review":
        review.append(
            ReviewPair(
                mentions[first].name,
                actor.names[0],
                country,
                round(decision.score, 1),
                decision.reason,
                mentions[first].origin,
                "",
                actor.uid,
            )
        )
