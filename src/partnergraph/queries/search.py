"""Diacritic-insensitive search in Polish and English names.

"Elblag", "elbląg" and "ELBLĄG" all fold to "elblag" (see ``text.fold``); the store finds
candidates by substring and this module ranks them: exact name first, then names starting with
the text, then word starts, then anywhere; ties by shorter name, then uid.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel

from partnergraph.errors import QueryError
from partnergraph.graph.store import GraphStore
from partnergraph.model import Node, NodeLabel
from partnergraph.text import fold

__all__ = ["INVISIBLE", "SearchAnswer", "SearchHit", "normalise_query", "search"]

MAX_QUERY_LENGTH = 200
#: Invisible characters that a copy from a web page or a word processor leaves inside words
#: (zero-width space, non-joiner and joiner, word joiner, BOM, soft hyphen): "Gda<ZWSP>ńsk"
#: is "Gdańsk". They are removed before the text is folded.
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_STRIP_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE))
#: Substring candidates ranked per query; enough that the exact match is never cut off.
CANDIDATES = 5000


class SearchHit(BaseModel):
    node: Node
    display_name: str
    score: int
    matched: str


class SearchAnswer(BaseModel):
    query: str
    lang: Literal["pl", "en"]
    labels: list[NodeLabel] | None
    results: list[SearchHit]


def normalise_query(text: str) -> str:
    """What the user typed, without the invisible characters of ``INVISIBLE``."""
    return text.translate(_STRIP_INVISIBLE)


def _score(folded_query: str, node: Node) -> tuple[int, str]:
    best, matched = 0, ""
    for name in filter(None, [node.name, node.name_en, *_aliases(node)]):
        key = fold(name)
        if key == folded_query:
            score = 100
        elif key.startswith(folded_query):
            score = 80
        elif f" {folded_query}" in f" {key}" or f"-{folded_query}" in key:
            score = 60
        elif folded_query in key:
            score = 40
        else:
            continue
        if score > best:
            best, matched = score, name
    return (best or 20), matched or node.name


def _aliases(node: Node) -> list[str]:
    names: list[str] = []
    for key in ("aliases",):
        value = node.properties.get(key)
        if isinstance(value, list):
            names.extend(value)
    for key in ("acronym", "code", "teryt", "nuts_code"):
        value = node.properties.get(key)
        if isinstance(value, str):
            names.append(value)
    return names


def search(
    store: GraphStore,
    text: str,
    *,
    labels: Sequence[NodeLabel] | None = None,
    lang: Literal["pl", "en"] = "pl",
    limit: int = 20,
) -> SearchAnswer:
    """Find nodes by name, English name, alias, acronym or code.

    Parameters
    ----------
    store : the graph to search.
    text : what the user typed; case, Polish diacritics and invisible characters inside
        words (zero-width spaces, soft hyphens) do not matter.
    labels : only nodes with one of these labels (e.g. Municipality).
    lang : language of ``display_name``.
    limit : at most this many results (1–200).

    Returns
    -------
    SearchAnswer with hits ranked best first.

    Raises
    ------
    QueryError : empty or over-long text, or a limit out of range.

    Examples
    --------
    >>> search(store, "elblag").results[0].node.name   # doctest: +SKIP
    'Elbląg'
    """
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"search text is longer than {MAX_QUERY_LENGTH} characters")
    text = normalise_query(text)
    folded = fold(text)
    if not folded:
        raise QueryError("search text is empty")
    if not 1 <= limit <= 200:
        raise QueryError("limit must be between 1 and 200")
    # Fetch more candidates than asked: ranking may promote ones beyond the first page of uids.
    candidates = store.find(folded, labels=labels, limit=CANDIDATES)
    if not labels:
        # Source documents are citations, not places or partners: only found when asked for.
        candidates = [node for node in candidates if node.label != NodeLabel.SOURCE]
    hits = []
    for node in candidates:
        score, matched = _score(folded, node)
        hits.append(
            SearchHit(node=node, display_name=node.display_name(lang), score=score, matched=matched)
        )
    hits.sort(key=lambda hit: (-hit.score, len(hit.matched), hit.node.uid))
    return SearchAnswer(
        query=text, lang=lang, labels=list(labels) if labels else None, results=hits[:limit]
    )
