"""Entity resolution, pairwise decisions: identifiers, towns, guards and the similarity of
two canonical names (see ``resolve.py`` for the rules)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from partnergraph.ingest.resolve_model import (
    MERGE_THRESHOLD,
    REVIEW_THRESHOLD,
    Decision,
    Mention,
)
from partnergraph.ingest.resolve_names import (
    _CITY_ALIASES,
    KIND_TOKENS,
    _distinctive,
    _key,
    _light_stem,
    _list,
    _without_seat,
    name_variants,
    place_of,
    tokens_of,
)
from partnergraph.text import fold

# -- pairwise decisions --------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")
_DIRECTIONS = frozenset(
    _list(
        "west east north south western eastern northern southern upper lower central middle "
        "nord sud sued ost norra sodra ostra vastra nordre sondre"
    )
)


def _clean_id(value: str | None) -> str | None:
    if not value:
        return None
    cleaned = re.sub(r"[^0-9A-Za-z]", "", value).upper()
    return cleaned or None


def _city_key(city: str | None) -> str | None:
    if not city:
        return None
    key = fold(city)
    return _CITY_ALIASES.get(key, key)


def cities_compatible(left: Iterable[str], right: Iterable[str]) -> bool:
    """Towns agree when either side gives none, or every pair is alike (folded, exonyms,
    rapidfuzz ratio ≥ 85, or one contained in the other: "Frankfurt am Main"/"Frankfurt")."""
    lefts = {key for key in (_city_key(c) for c in left) if key}
    rights = {key for key in (_city_key(c) for c in right) if key}
    if not lefts or not rights:
        return True
    for a in lefts:
        for b in rights:
            if a == b or a in b or b in a:
                continue
            if fuzz.ratio(a, b) < 85:
                return False
    return True


def _guards(left: Sequence[str], right: Sequence[str]) -> str | None:
    """Why two names must not be merged automatically even if they look alike, or None."""
    if _DIGITS.findall(" ".join(left)) != _DIGITS.findall(" ".join(right)):
        return "different numbers"
    if {t for t in left if t in _DIRECTIONS} != {t for t in right if t in _DIRECTIONS}:
        return "different points of the compass (West Pomeranian is not Pomeranian)"
    kinds_left = {t for t in left if t in KIND_TOKENS}
    kinds_right = {t for t in right if t in KIND_TOKENS}
    if kinds_left != kinds_right:
        return (
            "different kinds of body ("
            + " / ".join(", ".join(sorted(kinds)) or "-" for kinds in (kinds_left, kinds_right))
            + ")"
        )
    return None


def compare(left: Mention, right: Mention) -> Decision:
    """Decide whether two mentions are one organisation, by the rules in the module docstring
    (identifiers, then names; territories need the graph and are left to :func:`resolve`)."""
    for kind, a, b in (
        ("PIC", left.pic, right.pic),
        ("VAT", left.vat, right.vat),
    ):
        a_id, b_id = _clean_id(a), _clean_id(b)
        if a_id and b_id:
            if a_id == b_id:
                return Decision("merge", 100.0, f"same {kind}")
            return Decision("distinct", 0.0, f"different {kind}")
    if left.country and right.country and left.country != right.country:
        return Decision("distinct", 0.0, "different countries")
    best = Decision("distinct", 0.0, "names differ")
    for a_name in name_variants(left):
        for b_name in name_variants(right):
            decision = _compare_names(
                tokens_of(a_name, left.country or right.country),
                tokens_of(b_name, right.country or left.country),
                left.city,
                right.city,
                left.country or right.country,
            )
            if _RANK[decision.verdict] > _RANK[best.verdict] or (
                decision.verdict == best.verdict and decision.score > best.score
            ):
                best = decision
    return best


_RANK = {"distinct": 0, "review": 1, "merge": 2}


def _compare_names(
    left: Sequence[str],
    right: Sequence[str],
    left_city: str | None,
    right_city: str | None,
    country: str | None,
) -> Decision:
    if not left or not right:
        return Decision("distinct", 0.0, "empty name")
    towns = cities_compatible([left_city or ""], [right_city or ""])
    known = bool(left_city and right_city)
    return _decide(
        left, right, towns, town=left_city or right_city, towns_known=known, country=country
    )


def _stem_key(tokens: Sequence[str]) -> str:
    return " ".join(sorted(_light_stem(token) for token in tokens))


def _similarity(left: Sequence[str], right: Sequence[str]) -> float:
    """token_sort_ratio of the canonical names, or of their light stems if higher: case
    endings differ between the languages of the region (Klaipėda/Klaipėdos, Gdynia/Gdyni)."""
    return max(
        fuzz.token_sort_ratio(_key(left), _key(right)),
        fuzz.token_sort_ratio(_stem_key(left), _stem_key(right)),
    )


#: The names of the countries around the Baltic as canonical tokens. Names are compared
#: within one country, so "… of the Republic of Poland" says nothing the country does not
#: ("German-Slovak Chamber" in Slovakia keeps its "German").
_COUNTRY_WORDS = {
    "PL": frozenset(_list("polsk republic")),
    "LT": frozenset(_list("lithuania lithuanian lietuvos republic")),
    "LV": frozenset(_list("latvia latvian latvijas republic")),
    "EE": frozenset(_list("estonia estonian eesti republic")),
    "SE": frozenset(_list("sweden swedish sverige")),
    "DK": frozenset(_list("denmark danish danmark")),
    "DE": frozenset(_list("germany german deutschland federal republic")),
    "FI": frozenset(_list("finland finnish suomi")),
    "NO": frozenset(_list("norway norwegian norge")),
}


def _without_country(
    tokens: Sequence[str], other: Sequence[str], country: str | None
) -> Sequence[str]:
    """``tokens`` without the country words the other name lacks ("Ministry of
    Infrastructure of the Republic of Poland"); a generic rest still needs the towns."""
    words = _COUNTRY_WORDS.get(country or "", frozenset())
    extra = [t for t in tokens if t in words and t not in other]
    if not extra:
        return tokens
    return [t for t in tokens if t not in extra]


def _decide(
    left: Sequence[str],
    right: Sequence[str],
    towns_agree: bool,
    score: float | None = None,
    merge_threshold: float = MERGE_THRESHOLD,
    review_threshold: float = REVIEW_THRESHOLD,
    town: str | None = None,
    towns_known: bool = True,
    country: str | None = None,
) -> Decision:
    """The one decision rule for two canonical names in the same country. ``towns_known``:
    both sides give a town (a generic name needs it to be merged)."""
    if towns_agree and town:
        left, right = _without_seat(left, right, town), _without_seat(right, left, town)
        if score is not None:
            score = max(score, _similarity(left, right))
    left, right = (
        _without_country(left, right, country),
        _without_country(right, left, country),
    )
    same_place = place_of(left)
    if same_place is not None and same_place == place_of(right) and towns_agree:
        # "City of Gdansk", "City Hall of Gdansk": the authority of a territory is the
        # territory (as when matching the graph), whatever it is called.
        return Decision("merge", 100.0, "same territory")
    if _key(left) == _key(right):
        if towns_agree and (towns_known or _distinctive(left)):
            return Decision("merge", 100.0, "same normalised name")
        if towns_agree:
            # "Regional Development Agency" names a kind of body, not one: without a town
            # on both sides nothing says it is the same one.
            return Decision("review", 100.0, "same generic name, a town unknown")
        if _distinctive(left):
            # Campuses and branch offices: one body, several towns.
            return Decision("merge", 100.0, "same distinctive normalised name, towns differ")
        return Decision("review", 100.0, "same generic name, different towns")
    if score is None:
        score = _similarity(left, right)
    if score < review_threshold:
        return Decision("distinct", score, "names differ")
    guard = _guards(left, right)
    if guard:
        return Decision("review", score, guard)
    if not towns_agree:
        if score >= merge_threshold:
            return Decision("review", score, "similar names, different towns")
        return Decision("distinct", score, "different towns")
    if score >= merge_threshold:
        return Decision("merge", score, "similar normalised names")
    return Decision("review", score, "somewhat similar names")
