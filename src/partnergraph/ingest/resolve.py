"""Entity resolution: one organisation seen under many spellings, in many rows and sources.

The rules, in the order they apply (``docs/ingest.md`` has the measured precision/recall):

1. **Identifiers.** Mentions with the same PIC or VAT number are one organisation, and an
   organisation or territory already in the graph with that identifier is that one.
2. **Normalised names.** A name is reduced to canonical tokens: case, diacritics,
   punctuation, legal forms (``sp. z o.o.``, ``GmbH``, ``UAB`` …) and filler words are
   dropped; common words in the languages around the Baltic become one English token
   (``Uniwersytet``/``Universitet``→``university``, ``Urząd``→``office``,
   ``Województwo``/``Voivodeship``→``region``); Polish adjectives lose their case endings
   (``Pomorskiego``/``Pomorskie``→``pomorsk``) and Polish region names meet their English
   translations (``Pomeranian``→``pomorsk``). Same country and same canonical tokens (in any
   order) is the same organisation, unless both give towns and the towns differ.
3. **Fuzzy names.** Within a country, rapidfuzz's ``token_sort_ratio`` of the canonical
   names: at or above :data:`MERGE_THRESHOLD` the mentions are merged, if their towns agree,
   their numbers agree (``School No 5`` is not ``School No 7``) and they are the same kind of
   body (a ``city`` is not a ``municipality``: Polish towns and the rural gminy around them
   share names). From :data:`REVIEW_THRESHOLD` up, or when a guard stops a merge, the pair is
   written to the review file and *not* merged.
4. **Territories as actors.** A mention that names a territory's authority ("Marshal's Office
   of the Pomorskie Voivodeship", "Gmina Miejska Kościerzyna", "Kalmar kommun") becomes that
   Region or Municipality when exactly one in the graph fits; ambiguous ones (a town and the
   rural gmina of the same name) go to review.

Every name a merged organisation was seen under is kept as an alias by the caller.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from rapidfuzz import fuzz, process

from partnergraph.model import NodeLabel
from partnergraph.text import fold

__all__ = [
    "MERGE_THRESHOLD",
    "REVIEW_THRESHOLD",
    "Decision",
    "Known",
    "Mention",
    "Resolution",
    "ReviewPair",
    "canonical_tokens",
    "compare",
    "place_of",
    "resolve",
]

#: token_sort_ratio (0–100) of canonical names at or above which two mentions are merged.
MERGE_THRESHOLD = 92.0
#: Score from which a pair that is not merged is still worth a human look.
REVIEW_THRESHOLD = 80.0

Verdict = Literal["merge", "review", "distinct"]


@dataclass(frozen=True)
class Mention:
    """One sighting of an organisation: a row of a file, or a name in it."""

    name: str
    country: str | None = None
    city: str | None = None
    pic: str | None = None
    vat: str | None = None
    other_names: tuple[str, ...] = ()
    origin: str = ""


@dataclass(frozen=True)
class Known:
    """An actor already in the graph that mentions may turn out to be."""

    uid: str
    label: NodeLabel
    names: tuple[str, ...]
    country: str | None = None
    city: str | None = None
    pic: str | None = None
    vat: str | None = None
    gmina_type: str | None = None


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    score: float
    reason: str


@dataclass(frozen=True)
class ReviewPair:
    """Two names that may be one organisation; a person decides, the import does not merge."""

    left: str
    right: str
    country: str | None
    score: float
    reason: str
    left_origin: str = ""
    right_origin: str = ""
    right_uid: str = ""


@dataclass
class Resolution:
    """Mentions grouped into organisations: ``groups[i]`` lists mention indices, and
    ``known[i]`` the uid of the graph node group ``i`` turned out to be, if any."""

    groups: list[list[int]]
    known: dict[int, str]
    review: list[ReviewPair]
    stats: Counter[str] = field(default_factory=Counter)


# -- canonical names -----------------------------------------------------------------------


def _list(text: str) -> list[str]:
    """Word lists are written as one string: easier to read and extend than a list literal."""
    return text.split()


_LEGAL_TAIL = frozenset(
    _list(
        "ltd limited gmbh ggmbh mbh ag ab aps as asa oy oyj ry srl sas sarl spa bv nv vzw asbl "
        "uab vsi sia ou mtu zrt kft nonprofit doo plc inc llc ev eg kg se sa sl slu"
    )
)
_LEGAL_HEAD = frozenset(_list("uab vsi ab sia ou as bi"))
_LEGAL_SEQUENCES = (
    ("sp", "z", "o", "o"),
    ("spolka", "z", "ograniczona", "odpowiedzialnoscia"),
    ("d", "o", "o"),
    ("s", "r", "o"),
    ("s", "p", "a"),
    ("s", "r", "l"),
    ("e", "v"),
    ("sp", "k"),
    ("sp", "j"),
    ("s", "c"),
    ("s", "a"),
)
_STOPWORDS = frozenset(
    _list(
        "of the and for in at on w we i oraz z ze na do im imienia der die das des dem den fur "
        "und zu de del della delle dei degli di da dos la le les l d du et y e el och og af ja "
        "un ir van het en voor s self"
    )
)
_WORDS: dict[str, tuple[str, ...]] = {}


def _words(canonical: str, *spellings: str) -> None:
    for spelling in spellings:
        _WORDS[spelling] = tuple(canonical.split())


_words(
    "university",
    *_list(
        "university uniwersytet uniwersytetu universitet universitetet universitat universitaet "
        "universitetas universiteit universita universidad universite universidade yliopisto "
        "univerza univerzitet univerzita universitatea egyetem ulikool universitate univ"
    ),
)
_words("university technology", "politechnika", "politechniki")
_words(
    "technology",
    *_list(
        "technical technological technische tekniska technikos technologijos technologii "
        "technologiczny technologiczna technologiczne technologicznego"
    ),
)
_words("science", *_list("nauki nauka naukowy naukowa naukowo naukowe wissenschaft vetenskap"))
_words("development", *_list("rozwoju rozwoj rozwojowa entwicklung utveckling vystymo"))
_words("regional", *_list("regionalnego regionalny regionalna regionalne regionale regional"))
_words("university applied sciences", "hochschule", "fachhochschule", "ammattikorkeakoulu")
_words("hanseatic city", "hansestadt")
_words("office", "hall")
_words("academy", "akademia", "akademii", "akademie", "academia", "akademi")
_words(
    "association",
    *_list(
        "association stowarzyszenie stowarzyszenia forening verein asociacija associazione "
        "asociacion associacao biedriba yhdistys zdruzenje udruga sdruzeni egyesulet"
    ),
)
_words(
    "foundation",
    *_list(
        "foundation fundacja fundacji stiftelse stiftung fondazione fundacion fondation fundatia "
        "sihtasutus nadacia nadace"
    ),
)
_words("chamber", "izba", "kammer", "camera", "chambre", "kamara")
_words("institute", *_list("institute instytut institut istituto instituto institutet institutas"))
_words("agency", "agencja", "agentur", "agenzia", "agencia", "agence", "agentura", "agentuur")
_words("centre", *_list("centre centrum center centro centras zentrum keskus centar"))
_words("school", "szkola", "skola", "schule", "scuola", "escuela", "ecole", "mokykla")
_words("museum", "muzeum", "museo", "musee", "museet", "muziejus")
_words("hospital", "szpital", "krankenhaus", "ospedale", "sjukhus", "ligonine")
_words("port", "hamn", "hafen", "porto", "puerto", "uostas", "havn", "satama")
_words("maritime", "morski", "morska", "morskie", "morskiego", "morskiej", "jurinis")
_words("medical", "medyczny", "medyczna", "medycznego", "medycznej")
_words(
    "municipality",
    *_list(
        "municipality municipalities gmina gminy gmin gmine commune communes kommun kommune "
        "gemeinde savivaldybe savivaldybes "
        "comune municipio ayuntamiento obcina opcina obec kunta vald novads dimos gemeente "
        "municipiul"
    ),
)
_words(
    "city",
    *_list(
        "city miasto miasta miejski miejska miejskie miejskiego town stad stadt miestas miesto "
        "citta ciudad ville kaupunki linn grad mesto pilseta"
    ),
)
_words("rural", "wiejska", "wiejskiej", "rural", "landkommune")
_words(
    "region",
    *_list(
        "region wojewodztwo wojewodztwa voivodeship voivodship regionu regione maakunta regionas"
    ),
)
_words(
    "county", "powiat", "powiatu", "powiatowe", "county", "lan", "lans", "landkreis", "apskritis"
)
_words("office", "urzad", "office", "kontor", "biuro", "starostwo")
_words("marshal", "marszalkowski", "marshal", "marshals", "marszalka")
_words("government", "samorzad", "government", "administration", "administracja", "administracija")
_words("council", "council", "rada", "raad")
_words("county council", "landsting")
# Polish voivodeships and their English names (stems, see _stem).
_words("pomorsk", "pomeranian", "pomerania", "pomorze")
_words("polsk", "polish", "poland", "polska", "rp", "rzeczypospolitej")
_words("baltic", "baltyk", "baltyku", "baltijos", "baltijas", "ostsee", "ostersjon")
_words("west pomorsk", "zachodniopomorsk")
_words("warminsk", "warmian", "warmia")
_words("mazursk", "masurian", "mazury", "masuria")
_words("kujawsk", "kuyavian")
_words("mazowieck", "masovian", "mazovian", "mazovia", "mazowsze")
_words("slask", "silesian", "silesia", "slaskie", "slaska")
_words("podkarpack", "subcarpathian")
_words("podlask", "podlasie", "podlachian")
_words("lubusk", "lubusz")

#: Tokens that say what kind of body something is; two names differing in them are not
#: merged automatically (a city is not the rural gmina around it, a university is not its
#: foundation).
KIND_TOKENS = frozenset(
    _list(
        "university academy association foundation chamber institute agency centre school "
        "museum hospital port municipality city rural region county"
    )
)
_TERRITORY_KINDS = frozenset({"municipality", "city", "rural", "region", "county"})
#: Words that name what a body does rather than which one it is; a name made only of these
#: and kind words (``Chamber of Commerce and Industry``) needs a matching town to merge.
GENERIC_WORDS = frozenset(
    _list(
        "commerce industry crafts trade development regional local national public state "
        "office council district department ministry service services management research "
        "science sciences applied technology innovation business enterprise enterprises "
        "economic economy environment environmental energy tourism tourist culture cultural "
        "social health education employment labour transport water agriculture agricultural "
        "urban nature protection conservation planning union federation network cluster park "
        "authority administration government marshal general directorate european "
        "international cooperation support promotion centre local group action society "
        "company limited new"
    )
)
_AUTHORITY = frozenset({"office", "marshal", "government", "council"})
_ADJECTIVE = re.compile(r"^(.{2,}?(?:sk|ck|dzk|zk))(?:iego|iej|im|ich|a|i|ie|u|o|iemu)$")
_SPLIT = re.compile(r"[^a-z0-9]+")
#: "(GUT)", "(CPMR)": an acronym repeated in brackets after the name.
_PAREN_ACRONYM = re.compile(r"\(\s*[A-Z0-9][A-Z0-9&.\- ]{1,11}\)")
_APOSTROPHE = re.compile(r"['’‘`´ʼ]")


def _stem(token: str) -> str:
    match = _ADJECTIVE.match(token)
    return match.group(1) if match else token


def _strip_legal(tokens: list[str]) -> list[str]:
    changed = True
    while changed and tokens:
        changed = False
        for sequence in _LEGAL_SEQUENCES:
            size = len(sequence)
            if len(tokens) > size and tuple(tokens[-size:]) == sequence:
                tokens, changed = tokens[:-size], True
                break
            if len(tokens) > size and tuple(tokens[:size]) == sequence:
                tokens, changed = tokens[size:], True
                break
        if len(tokens) > 1 and tokens[-1] in _LEGAL_TAIL:
            tokens, changed = tokens[:-1], True
        if len(tokens) > 1 and tokens[0] in _LEGAL_HEAD:
            tokens, changed = tokens[1:], True
    return tokens


def canonical_tokens(name: str) -> tuple[str, ...]:
    """The canonical tokens of a name, in their original order (see the module docstring)."""
    text = _APOSTROPHE.sub(" ", fold(_PAREN_ACRONYM.sub(" ", name))).replace("&", " and ")
    raw = [token for token in _SPLIT.split(text) if token]
    tokens: list[str] = []
    for token in _strip_legal(raw):
        if token in _STOPWORDS:
            continue
        mapped = _WORDS.get(token)
        if mapped is None:
            stemmed = _stem(token)
            mapped = _WORDS.get(stemmed, (stemmed,))
        tokens.extend(mapped)
    # "gmina miejska"/"gmina miasto": an urban gmina is the town.
    if "city" in tokens and "municipality" in tokens:
        tokens = [token for token in tokens if token != "municipality"]
    if "rural" in tokens and "municipality" not in tokens:
        tokens.append("municipality")
    return tuple(dict.fromkeys(tokens))  # "Hochschule … University of Applied Sciences"


#: Case and plural endings of the region's languages, longest first; what is left of a word
#: must keep four letters (Klaipėda/Klaipėdos → klaiped, Gdynia/Gdyni → gdyn).
_ENDINGS = sorted(
    _list("iej ie ia ii os es as is us ys en um io iu a e i o u y s"), key=len, reverse=True
)


def _light_stem(token: str) -> str:
    """A light stem: one case or plural ending removed (see ``_ENDINGS``)."""
    if len(token) >= 5:
        for ending in _ENDINGS:
            if token.endswith(ending) and len(token) - len(ending) >= 4:
                return token[: -len(ending)]
    return token


def _without_seat(tokens: Sequence[str], other: Sequence[str], town: str | None) -> Sequence[str]:
    """``tokens`` without a trailing seat the other name lacks: "Urząd Marszałkowski
    Województwa Warmińsko-Mazurskiego w Olsztynie" and "Marshal's Office of the
    Warmińsko-Mazurskie Voivodeship", both in Olsztyn, compare without "Olsztynie". Only used
    when the towns agree, and only when what is left still names someone."""
    if not town or len(tokens) < 2:
        return tokens
    seat = _light_stem(_stem(_SPLIT.split(fold(town))[0]))
    if (
        seat
        and _light_stem(tokens[-1]) == seat
        and seat not in {_light_stem(t) for t in other}
        and _distinctive(tokens[:-1])
    ):
        return tokens[:-1]
    return tokens


def _key(tokens: Sequence[str]) -> str:
    return " ".join(sorted(tokens))


def place_of(tokens: Sequence[str]) -> tuple[frozenset[str], str] | None:
    """(territory kinds, place) when the name is a territory's authority, else None.

    ``Marshal's Office of the Pomorskie Voivodeship`` → ({region}, ``pomorsk``). The office
    or government *of* a territory is taken for the territory, because that is how the graph
    records regions and gminy acting as partners.
    """
    kinds = frozenset(token for token in tokens if token in _TERRITORY_KINDS)
    if not kinds:
        return None
    rest = [t for t in tokens if t not in _TERRITORY_KINDS and t not in _AUTHORITY]
    if not rest or any(token in KIND_TOKENS for token in rest):
        return None
    return kinds, " ".join(sorted(rest))


def _name_place(name: str) -> str:
    """The place a territory's own name stands for: kind words removed."""
    tokens = canonical_tokens(name)
    rest = [t for t in tokens if t not in _TERRITORY_KINDS and t not in _AUTHORITY]
    return " ".join(sorted(rest or tokens))


# -- pairwise decisions --------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")
_DIRECTIONS = frozenset(
    _list("west east north south western eastern northern southern upper lower central middle")
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


_CITY_ALIASES = {
    "warsaw": "warszawa",
    "cracow": "krakow",
    "copenhagen": "kobenhavn",
    "gothenburg": "goteborg",
    "gdansk-oliwa": "gdansk",
    "munich": "munchen",
    "vienna": "wien",
    "prague": "praha",
    "rome": "roma",
    "milan": "milano",
    "turin": "torino",
    "florence": "firenze",
    "venice": "venezia",
    "naples": "napoli",
    "genoa": "genova",
    "cologne": "koln",
    "nuremberg": "nurnberg",
    "hanover": "hannover",
    "brussels": "bruxelles",
    "brussel": "bruxelles",
    "antwerp": "antwerpen",
    "ghent": "gent",
    "the hague": "den haag",
    "lisbon": "lisboa",
    "athens": "athina",
    "bucharest": "bucuresti",
    "belgrade": "beograd",
    "seville": "sevilla",
    "saragossa": "zaragoza",
    "kaunas": "kaunas",
    "klaipeda": "klaipeda",
}


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
    for a_name in (left.name, *left.other_names):
        for b_name in (right.name, *right.other_names):
            decision = _compare_names(
                canonical_tokens(a_name),
                canonical_tokens(b_name),
                left.city,
                right.city,
            )
            if _RANK[decision.verdict] > _RANK[best.verdict] or (
                decision.verdict == best.verdict and decision.score > best.score
            ):
                best = decision
    return best


_RANK = {"distinct": 0, "review": 1, "merge": 2}


def _compare_names(
    left: Sequence[str], right: Sequence[str], left_city: str | None, right_city: str | None
) -> Decision:
    if not left or not right:
        return Decision("distinct", 0.0, "empty name")
    towns = cities_compatible([left_city or ""], [right_city or ""])
    return _decide(left, right, towns, town=left_city or right_city)


def _stem_key(tokens: Sequence[str]) -> str:
    return " ".join(sorted(_light_stem(token) for token in tokens))


def _similarity(left: Sequence[str], right: Sequence[str]) -> float:
    """token_sort_ratio of the canonical names, or of their light stems if higher: case
    endings differ between the languages of the region (Klaipėda/Klaipėdos, Gdynia/Gdyni)."""
    return max(
        fuzz.token_sort_ratio(_key(left), _key(right)),
        fuzz.token_sort_ratio(_stem_key(left), _stem_key(right)),
    )


def _distinctive(tokens: Sequence[str]) -> bool:
    """Whether a name says which body it is by itself: it has a word that is not generic
    (``Ulster University`` has ``ulster``; ``Chamber of Commerce and Industry`` has none)."""
    return any(t not in GENERIC_WORDS and t not in KIND_TOKENS and len(t) > 2 for t in tokens)


def _decide(
    left: Sequence[str],
    right: Sequence[str],
    towns_agree: bool,
    score: float | None = None,
    merge_threshold: float = MERGE_THRESHOLD,
    review_threshold: float = REVIEW_THRESHOLD,
    town: str | None = None,
) -> Decision:
    """The one decision rule for two canonical names in the same country."""
    if towns_agree and town:
        left, right = _without_seat(left, right, town), _without_seat(right, left, town)
        if score is not None:
            score = max(score, _similarity(left, right))
    if _key(left) == _key(right):
        if towns_agree:
            return Decision("merge", 100.0, "same normalised name")
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


# -- resolving many mentions ---------------------------------------------------------------


class _Groups:
    """Union-find over mentions, remembering the towns each group was seen in."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.parent = list(range(len(mentions)))
        self.cities: list[set[str]] = [{m.city} if m.city else set() for m in mentions]

    def find(self, index: int) -> int:
        root = index
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[index] != root:
            self.parent[index], index = root, self.parent[index]
        return root

    def towns_agree(self, a: int, b: int) -> bool:
        return cities_compatible(self.cities[self.find(a)], self.cities[self.find(b)])

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return
        if root_b < root_a:
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a
        self.cities[root_a] |= self.cities[root_b]


def resolve(
    mentions: Sequence[Mention],
    known: Sequence[Known] = (),
    *,
    merge_threshold: float = MERGE_THRESHOLD,
    review_threshold: float = REVIEW_THRESHOLD,
) -> Resolution:
    """Group mentions into organisations and match the groups to actors already known.

    Deterministic: the same mentions in the same order give the same groups.
    """
    groups = _Groups(mentions)
    review: list[ReviewPair] = []
    stats: Counter[str] = Counter()
    tokens = [canonical_tokens(m.name) for m in mentions]

    # 1. identifiers
    for attribute in ("pic", "vat"):
        by_id: dict[str, int] = {}
        for index, mention in enumerate(mentions):
            ident = _clean_id(getattr(mention, attribute))
            if ident is None:
                continue
            if ident in by_id:
                if groups.find(by_id[ident]) != groups.find(index):
                    groups.union(by_id[ident], index)
                    stats[f"merged by {attribute.upper()}"] += 1
            else:
                by_id[ident] = index

    # 2. same normalised name (and other names) within a country
    by_key: dict[tuple[str | None, str], int] = {}
    for index, mention in enumerate(mentions):
        names = [tokens[index], *(canonical_tokens(n) for n in mention.other_names)]
        for name_tokens in names:
            if not name_tokens:
                continue
            key = (mention.country, _key(name_tokens))
            first = by_key.setdefault(key, index)
            if first == index or groups.find(first) == groups.find(index):
                continue
            decision = _decide(name_tokens, name_tokens, groups.towns_agree(first, index))
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
            if groups.find(a) == groups.find(b):
                continue
            decision = _decide(
                tokens[a],
                tokens[b],
                groups.towns_agree(a, b),
                float(matrix[i, j]),
                merge_threshold,
                review_threshold,
                town=next(iter(sorted(groups.cities[groups.find(a)])), None),
            )
            if decision.verdict == "merge":
                groups.union(a, b)
                stats["merged by similar name"] += 1
            elif decision.verdict == "review":
                review.append(_pair(mentions, a, b, decision.score, decision.reason))

    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(mentions)):
        members[groups.find(index)].append(index)
    ordered = [members[root] for root in sorted(members)]
    matched = _match_known(ordered, mentions, tokens, known, merge_threshold, review, stats)
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


@dataclass
class _KnownIndex:
    by_id: dict[str, str] = field(default_factory=dict)
    by_name: dict[tuple[str | None, str], list[Known]] = field(default_factory=dict)
    places: dict[tuple[str | None, str], list[Known]] = field(default_factory=dict)
    organisations: dict[str | None, list[tuple[str, Known]]] = field(default_factory=dict)


def _index_known(known: Sequence[Known]) -> _KnownIndex:
    index = _KnownIndex()
    for actor in known:
        for ident in (_clean_id(actor.pic), _clean_id(actor.vat)):
            if ident:
                index.by_id[ident] = actor.uid
        for name in actor.names:
            name_tokens = canonical_tokens(name)
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


def _territory(kinds: frozenset[str], candidates: list[Known]) -> tuple[Known | None, str | None]:
    """The one territory a name's kinds point to among same-named ones, or why not.

    Polish towns and the rural gminy around them share names (Elbląg, Kościerzyna, Słupsk),
    so a plain "gmina"/"municipality" never picks an urban gmina: only "city"/"miasto"/
    "gmina miejska" does, and a plain one picks a rural or urban-rural gmina when exactly one
    fits. Foreign municipalities have no such twins and match when they are the only one.
    """
    if kinds & {"region", "county"} and not kinds & {"city", "municipality", "rural"}:
        pool = [c for c in candidates if c.label == NodeLabel.REGION]
        return (pool[0], None) if len(pool) == 1 else (None, None)
    if not (kinds & {"city", "municipality", "rural"}) or kinds & {"region", "county"}:
        return None, None
    pool = [c for c in candidates if c.label == NodeLabel.MUNICIPALITY]
    if "city" in kinds:
        preference: tuple[str, ...] = ("miejska", "miejsko-wiejska", "foreign")
    elif "rural" in kinds:
        preference = ("wiejska",)
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
) -> dict[int, str]:
    if not known:
        return {}
    index = _index_known(known)
    matched: dict[int, str] = {}
    for group_index, members in enumerate(groups):
        found: dict[str, str] = {}
        country = mentions[members[0]].country
        cities = {city for m in members if (city := mentions[m].city)}
        for member in members:
            mention = mentions[member]
            for ident in (_clean_id(mention.pic), _clean_id(mention.vat)):
                if ident and ident in index.by_id:
                    found.setdefault(index.by_id[ident], "identifier")
            names = [
                tokens[member],
                *(canonical_tokens(n) for n in mention.other_names),
            ]
            for name_tokens in names:
                if not name_tokens:
                    continue
                for actor in index.by_name.get((country, _key(name_tokens)), []):
                    towns = cities_compatible(cities, [actor.city] if actor.city else [])
                    if towns or _distinctive(name_tokens):
                        found.setdefault(actor.uid, "normalised name")
                place = place_of(name_tokens)
                if place is not None:
                    kinds, where = place
                    actor_match, why = _territory(kinds, index.places.get((country, where), []))
                    if actor_match is not None:
                        found.setdefault(actor_match.uid, "territory")
                    elif why:
                        review.append(
                            ReviewPair(mention.name, where, country, 100.0, why, mention.origin, "")
                        )
        if not found:
            _fuzzy_known(
                group_index, members, mentions, tokens, index, merge_threshold, review, found
            )
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
    return matched


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
    decision = _decide(
        tokens[first], tuple(choices[best].split()), towns, scores[best], merge_threshold
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
