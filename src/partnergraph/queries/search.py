"""Diacritic-insensitive, forgiving search in Polish and English names.

"Elblag", "elbląg" and "ELBLĄG" all fold to "elblag" (see ``text.fold``); invisible
characters pasted inside words are dropped first. The store finds candidates by substring and
this module ranks them: exact name first, then names starting with the text, then word
starts, then names holding every meaningful word of the text at word starts (so
"Communes of Euroregion Baltic" finds "Association of Polish Communes Euroregion Baltic":
"of", "the", "i", "w" … of :data:`STOPWORDS` neither have to match nor block a match), then
anywhere; ties by shorter name, then uid. Hits on Polish gminy carry a ``detail`` — the gmina's
type and powiat — because several gminy share a name (Elbląg, Bytów, Chojnice, Człuchów: the
town and the rural gmina around it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel

from partnergraph.errors import QueryError
from partnergraph.graph.store import GraphStore
from partnergraph.model import Node, NodeLabel, RelType
from partnergraph.text import fold

__all__ = [
    "GMINA_TYPES",
    "INVISIBLE",
    "STOPWORDS",
    "SearchAnswer",
    "SearchHit",
    "gmina_detail",
    "is_invisible",
    "normalise_query",
    "only_stopwords",
    "search",
]

MAX_QUERY_LENGTH = 200
#: Invisible characters that a copy from a web page or a word processor leaves inside words:
#: every format character (Unicode category Cf: soft hyphen, zero-width space, non-joiner and
#: joiner, word joiner, BOM, left-to-right and right-to-left marks, bidirectional embeddings
#: and isolates, invisible operators, tag characters …; see :func:`is_invisible`) and these
#: other default-ignorable characters, which are not Cf: the combining grapheme joiner,
#: Hangul fillers, Khmer inherent vowels, Mongolian variation selectors and the variation
#: selectors. "Gda<ZWSP>ńsk" is "Gdańsk". They are removed before the text is folded.
INVISIBLE = frozenset(
    "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"  # the usual Cf ones, listed
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0"
    + "".join(chr(code) for code in range(0xFE00, 0xFE10))
    + "".join(chr(code) for code in range(0xE0100, 0xE01F0))
)
# Polish and English, and the commonest of the ERB's other languages; folded ("für" → "fur").
_STOPWORDS_BY_LANGUAGE = {
    "en": "a an and at by for in of on the",
    "pl": "i w we z ze na do dla o od oraz",
    "de": "der die das den dem des und von fur",
    "sv, da, no": "och og av af",
    "lt": "ir",
}
#: Words that carry no meaning on their own in the names searched: in a search of several
#: words they need not be in the name, so they do not stop a match ("Communes of Euroregion
#: Baltic"). A text of nothing but these is refused, as it would match nearly everything.
STOPWORDS = frozenset(word for words in _STOPWORDS_BY_LANGUAGE.values() for word in words.split())
#: Substring candidates ranked per query; enough that the exact match is never cut off.
CANDIDATES = 5000
#: Meaningful words whose candidates are fetched for a several-word text (the longest ones).
_PROBES = 4
_WORD = re.compile(r"\w+")

#: gmina_type → (Polish, English) for ``detail``.
GMINA_TYPES: dict[str, tuple[str, str]] = {
    "miejska": ("gmina miejska", "urban gmina"),
    "wiejska": ("gmina wiejska", "rural gmina"),
    "miejsko-wiejska": ("gmina miejsko-wiejska", "urban-rural gmina"),
}
_CITY_COUNTY = "miasto na prawach powiatu "


class SearchHit(BaseModel):
    node: Node
    display_name: str
    score: int
    matched: str
    #: What tells this hit apart from others of the same name, in the answer's language:
    #: "gmina wiejska, powiat elbląski" / "rural gmina, powiat elbląski"; None when nothing
    #: is known (only Polish gminy have one so far).
    detail: str | None = None


class SearchAnswer(BaseModel):
    query: str
    lang: Literal["pl", "en"]
    labels: list[NodeLabel] | None
    results: list[SearchHit]


def is_invisible(char: str) -> bool:
    """True for a character that shows nothing: category Cf or one of :data:`INVISIBLE`."""
    return char in INVISIBLE or unicodedata.category(char) == "Cf"


def normalise_query(text: str) -> str:
    """What the user typed, without invisible characters (see :func:`is_invisible`)."""
    return "".join(char for char in text if not is_invisible(char))


def only_stopwords(text: str) -> bool:
    """True when the text has words and every one is in :data:`STOPWORDS` ("of the"): such a
    search is refused, as it would otherwise match nearly everything."""
    words = _WORD.findall(fold(normalise_query(text)))
    return bool(words) and not _meaningful(words)


def _meaningful(words: Sequence[str]) -> list[str]:
    """The words that are not :data:`STOPWORDS`, each once, in order."""
    return list(dict.fromkeys(word for word in words if word not in STOPWORDS))


def _score(folded_query: str, words: Sequence[str], node: Node) -> tuple[int, str]:
    """The best tier any of the node's names reaches, and that name; 0 when none does.

    ``words`` are the text's meaningful words; with more than one word in the text they
    may match a name in any order, each at a word start, the others words ignored.
    """
    phrase = " ".join(words)
    several = folded_query != phrase or len(words) > 1
    best, matched = 0, ""
    for name in filter(None, [node.name, node.name_en, *_aliases(node)]):
        key = fold(name)
        if key == folded_query:
            score = 100
        elif several and " ".join(_meaningful(_WORD.findall(key))) == phrase:
            score = 90
        elif key.startswith(folded_query):
            score = 80
        elif f" {folded_query}" in f" {key}" or f"-{folded_query}" in key:
            score = 60
        elif several and _at_word_starts(words, _WORD.findall(key)):
            score = 50
        elif folded_query in key:
            score = 40
        else:
            continue
        if score > best:
            best, matched = score, name
    return best, matched


def _at_word_starts(words: Sequence[str], name_words: Sequence[str]) -> bool:
    return bool(words) and all(
        any(name_word.startswith(word) for name_word in name_words) for word in words
    )


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


def gmina_detail(store: GraphStore, node: Node, lang: Literal["pl", "en"] = "pl") -> str | None:
    """A Polish gmina's type and powiat (``PART_OF`` a County), which tell apart gminy of one
    name: "gmina miejska, miasto na prawach powiatu Elbląg" and "gmina wiejska, powiat
    elbląski" (in English "urban gmina, city with powiat rights Elbląg", "rural gmina, powiat
    elbląski": powiat names have no English form). None for other nodes and foreign towns."""
    if node.label != NodeLabel.MUNICIPALITY:
        return None
    kind = GMINA_TYPES.get(str(node.properties.get("gmina_type") or ""))
    if kind is None:
        return None
    parts = [kind[1] if lang == "en" else kind[0]]
    counties = sorted(
        neighbour.node.name
        for neighbour in store.neighbours(node.uid, types=[RelType.PART_OF], direction="out")
        if neighbour.node.label == NodeLabel.COUNTY
    )
    for county in counties:
        if lang == "en" and county.startswith(_CITY_COUNTY):
            county = f"city with powiat rights {county.removeprefix(_CITY_COUNTY)}"
        parts.append(county)
    return ", ".join(parts)


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
    text : what the user typed; case, Polish diacritics, invisible characters inside
        words (zero-width spaces, soft hyphens …) and words of :data:`STOPWORDS` ("of",
        "the", "w" …) do not matter; several words match a name in any order.
    labels : only nodes with one of these labels (e.g. Municipality).
    lang : language of ``display_name`` and ``detail``.
    limit : at most this many results (1–200).

    Returns
    -------
    SearchAnswer with hits ranked best first; gminy carry their type and powiat as
    ``detail``.

    Raises
    ------
    QueryError : empty or over-long text, a text of stopwords only ("of the"), or a limit
        out of range.

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
    all_words = _WORD.findall(folded)
    words = _meaningful(all_words)
    if all_words and not words:
        raise QueryError(
            f"search text {text.strip()!r} has only words that mean nothing on their own "
            "(such as of, the, and, i, w, z, na); add a name or another word"
        )
    # Fetch more candidates than asked: ranking may promote ones beyond the first page of uids.
    candidates = {node.uid: node for node in store.find(folded, labels=labels, limit=CANDIDATES)}
    by_words: list[Node] = []
    if len(all_words) > 1:
        # Names holding every meaningful word, in any order: they are among the nodes holding
        # any one of them, so the smallest of those sets is searched (of a few long words).
        probes = sorted(words, key=lambda word: (-len(word), word))[:_PROBES]
        by_words = min(
            (store.find(word, labels=labels, limit=CANDIDATES) for word in probes), key=len
        )
    hits: list[SearchHit] = []
    for node in [*candidates.values(), *(n for n in by_words if n.uid not in candidates)]:
        if not labels and node.label == NodeLabel.SOURCE:
            # Source documents are citations, not places or partners: only found when asked.
            continue
        score, matched = _score(folded, words, node)
        if not score:
            if node.uid not in candidates:
                continue  # fetched for one word, but does not hold them all
            # the text spans two names of the search key ("… | …"): a weak match
            score, matched = 20, node.name
        hits.append(
            SearchHit(node=node, display_name=node.display_name(lang), score=score, matched=matched)
        )
    hits.sort(key=lambda hit: (-hit.score, len(hit.matched), hit.node.uid))
    results = [
        hit.model_copy(update={"detail": gmina_detail(store, hit.node, lang)})
        for hit in hits[:limit]
    ]
    return SearchAnswer(
        query=text, lang=lang, labels=list(labels) if labels else None, results=results
    )
