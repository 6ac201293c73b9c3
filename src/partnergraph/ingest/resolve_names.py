"""Entity resolution, canonical names: the vocabulary of the region's languages and the
tokens a name is reduced to (see ``resolve.py`` for the rules)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from rapidfuzz.distance import Levenshtein

from partnergraph.text import fold

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
    # the English of Lithuanian VšĮ / viešoji įstaiga, a legal form, not a kind of body
    ("public", "institution"),
    ("public", "establishment"),
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
_words(
    "science",
    *_list("nauki nauka naukowy naukowa naukowo naukowe wissenschaft vetenskap mokslo mokslu"),
)
_words("technology", "technologiju")
_words("park", "parkas", "parku", "parken")
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
# A Swedish landsting is the county's regional government, renamed "Region X" in 2019
# (Skåne läns landsting = Region Skåne); a regionförbund/kommunförbund is the association
# of the county's municipalities (Regionförbundet i Kalmar län).
_words("region", "landsting", "landstinget")
_words(
    "association municipality",
    *_list("regionforbund regionforbundet kommunforbund kommunforbundet"),
)
# Polish voivodeships and their English names (stems, see _stem).
_words("pomorsk", "pomeranian", "pomerania", "pomorze")
# Exonyms of regions around the Baltic: the English/Latin name meets the local one.
_words("skane", "scania")
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
#: "(drop out from 10/11/2016)", "(until 03.12.15)": a remark of keep.eu's editors with a
#: date in brackets, not part of the name.
_PAREN_REMARK = re.compile(r"\([^()]*\d+\s*[./-]\s*\d+[^()]*\)")
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


@cache
def _kind_spellings() -> dict[str, tuple[str, ...]]:
    """Every spelling of a kind word (``association``, ``stowarzyszenie``, ``institut`` …)."""
    return {
        spelling: mapped
        for spelling, mapped in _WORDS.items()
        if len(spelling) >= _MISSPELT_MIN and any(token in KIND_TOKENS for token in mapped)
    }


#: Kind words are matched tolerantly: keep.eu has "Accociation", "Insitute", "Univercity",
#: "municiplality". A word of at least this many letters (two edits allowed from
#: :data:`_MISSPELT_TWO` letters), one edit away from a spelling of a kind word and with
#: the same first letter and last two letters, is that kind word. Typos keep a word's ends;
#: other words do not ("academic" is not "academia", "universal" is not "university").
_MISSPELT_MIN = 7
_MISSPELT_TWO = 10


@cache
def _misspelt_kind(token: str) -> tuple[str, ...] | None:
    if len(token) < _MISSPELT_MIN:
        return None
    for spelling, mapped in _kind_spellings().items():
        if spelling[0] != token[0] or spelling[-2:] != token[-2:]:
            continue
        allowed = 2 if len(token) >= _MISSPELT_TWO else 1
        if Levenshtein.distance(spelling, token, score_cutoff=allowed) <= allowed:
            return mapped
    return None


def canonical_tokens(name: str) -> tuple[str, ...]:
    """The canonical tokens of a name, in their original order (see the module docstring)."""
    name = _PAREN_REMARK.sub(" ", name)
    text = _APOSTROPHE.sub(" ", fold(_PAREN_ACRONYM.sub(" ", name))).replace("&", " and ")
    raw = [token for token in _SPLIT.split(text) if token]
    tokens: list[str] = []
    for token in _strip_legal(raw):
        if token in _STOPWORDS:
            continue
        mapped = _WORDS.get(token)
        if mapped is None:
            stemmed = _stem(token)
            mapped = _WORDS.get(stemmed) or _misspelt_kind(token) or (stemmed,)
        tokens.extend(mapped)
    # "gmina miejska"/"gmina miasto": an urban gmina is the town.
    if "city" in tokens and "municipality" in tokens:
        tokens = [token for token in tokens if token != "municipality"]
    if "rural" in tokens and "municipality" not in tokens:
        tokens.append("municipality")
    # "Region Kalmar län", "Skåne läns landsting": the region of a county is the region.
    if "region" in tokens and "county" in tokens:
        tokens = [token for token in tokens if token != "county"]
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


def _distinctive(tokens: Sequence[str]) -> bool:
    """Whether a name says which body it is by itself: it has a word that is not generic
    (``Ulster University`` has ``ulster``; ``Chamber of Commerce and Industry`` has none)."""
    return any(t not in GENERIC_WORDS and t not in KIND_TOKENS and len(t) > 2 for t in tokens)
