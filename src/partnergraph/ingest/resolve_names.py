"""Entity resolution, canonical names: the vocabulary of the region's languages and the
tokens a name is reduced to (see ``resolve.py`` for the rules)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Protocol

from rapidfuzz.distance import Levenshtein

from partnergraph.text import fold

# -- canonical names -----------------------------------------------------------------------


def _list(text: str) -> list[str]:
    """Word lists are written as one string: easier to read and extend than a list literal."""
    return text.split()


_LEGAL_TAIL = frozenset(
    _list(
        "ltd limited gmbh ggmbh mbh ag ab aps as asa oy oyj ry srl sas sarl spa bv nv vzw asbl "
        "uab vsi sia ou mtu zrt kft nonprofit doo plc inc llc ev eg kg se sa sl slu ngo"
    )
)
# "Stiftelsen X" (Swedish, definite: "the foundation X") is the legal form of the body X,
# unlike "Fundacja Uniwersytetu …", the foundation *of* a university.
_LEGAL_HEAD = frozenset(_list("uab vsi ab sia ou as bi stiftelsen ngo mtu"))
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
_words(
    "university applied sciences",
    *_list("hochschule fachhochschule ammattikorkeakoulu yrkeshogskolan yrkeshogskola"),
)
_words("hanseatic city", "hansestadt")
_words("land", "bundesland")  # a German state
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
_words("authority", "zarzad", "authority")
_words("port", "portu", "hamn", "hafen", "porto", "puerto", "uostas", "havn", "satama")
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
    "county",
    "powiat",
    "powiatu",
    "powiatowe",
    "okres",
    "county",
    "lan",
    "lans",
    "landkreis",
    "apskritis",
)
_words("office", "urzad", "office", "kontor", "biuro", "starostwo")
_words("marshal", "marszalkowski", "marshal", "marshals", "marszalka")
_words("government", "samorzad", "government", "administration", "administracja", "administracija")
_words("council", "council", "rada", "raad")
# A Swedish landsting is the county's regional government, renamed "Region X" in 2019
# (Skåne läns landsting = Region Skåne); a regionförbund/kommunförbund is the association
# of the county's municipalities (Regionförbundet i Kalmar län).
_words("region", "landsting", "landstinget")
# A länsstyrelse is the state's county administrative board, not the regional government:
# "Länsstyrelsen Skåne" is the "County Administrative Board of Skåne", not Region Skåne.
_words("county administrative board", "lansstyrelsen", "lansstyrelse", "lansstyrelserna")
_words("regional municipality", "regionskommune", "regionkommune")
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
#: "… C/O City of Turku": a postal care-of address, not part of the name; likewise
#: "Reda City Municipality - including Gymnasium no.1 …": what the body brought along.
_CARE_OF = re.compile(r"(?:\bc/o\b|[-–,(]\s*including\b).*$", re.IGNORECASE)
_APOSTROPHE = re.compile(r"['’‘`´ʼ]")


#: Exonyms of towns: the English name meets the local one (in names and in town fields).
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


#: Words for a municipality that, outside Polish usage, mean the town's own body.
_TOWN_MUNICIPALITY = frozenset(_list("municipality municipalities kommun kommune"))
#: Polish words for a gmina: "Gmina X" alone is, in Polish usage, the rural gmina (the town
#: is "Gmina Miejska X"/"Miasto X").
_GMINA_WORDS = frozenset(_list("gmina gminy gmine gminie gmin"))

#: Countries where a municipality named in English (or in the Nordic languages) is its
#: town's body: Nordic municipalities have no same-named twins, and in Poland the English
#: "Municipality of X" is what the urban gmina X calls itself (the Polish "Gmina X" alone is
#: the rural one). Latvian, Lithuanian and Estonian towns and the rural municipalities
#: around them share names, so there a municipality stays a municipality.
_TOWN_COUNTRIES = frozenset(_list("PL SE DK NO FI"))
#: Countries where "district" in a municipality's name marks no twin (in Lithuania it does:
#: Kaunas district municipality is not Kaunas city municipality).
_DISTRICT_COUNTRIES = frozenset(_list("LV EE"))


def tokens_of(name: str, country: str | None) -> tuple[str, ...]:
    """The canonical tokens of a name as used in ``country`` (see :data:`_TOWN_COUNTRIES`)."""
    tokens = canonical_tokens(name)
    if country in _DISTRICT_COUNTRIES and "municipality" in tokens:
        # a Latvian/Estonian "district municipality" (novads, vald) is the municipality
        tokens = tuple(t for t in tokens if t != "district")
    if country not in _TOWN_COUNTRIES or "municipality" not in tokens:
        return tokens
    raw = set(_SPLIT.split(fold(name)))
    others = {t for t in tokens if t in KIND_TOKENS} - {"municipality", "county"}
    twin = others or {"district", "regional"} & set(tokens)
    if _TOWN_MUNICIPALITY & raw and not _GMINA_WORDS & raw and not twin:
        return tuple(dict.fromkeys("city" if t == "municipality" else t for t in tokens))
    return tokens


#: Compounds ending in a kind word (Linnéuniversitetet, Regionskommune) are split into a
#: stem and the kind word when both parts keep this many letters.
_COMPOUND_MIN = 4


@cache
def _kind_suffixes() -> tuple[tuple[str, tuple[str, ...]], ...]:
    spellings = [(s, m) for s, m in _kind_spellings().items() if len(s) >= _COMPOUND_MIN + 2]
    return tuple(sorted(spellings, key=lambda item: -len(item[0])))


@cache
def _compound(token: str) -> tuple[str, ...] | None:
    for suffix, mapped in _kind_suffixes():
        head = token[: -len(suffix)]
        if token.endswith(suffix) and len(head) >= _COMPOUND_MIN:
            return (_light_stem(head), *mapped)
    return None


def canonical_tokens(name: str) -> tuple[str, ...]:
    """The canonical tokens of a name, in their original order (see the module docstring)."""
    name = _CARE_OF.sub(" ", _PAREN_REMARK.sub(" ", name))
    text = _APOSTROPHE.sub(" ", fold(_PAREN_ACRONYM.sub(" ", name))).replace("&", " and ")
    raw = [token for token in _SPLIT.split(text) if token]
    tokens: list[str] = []
    for token in _strip_legal(raw):
        if token in _STOPWORDS:
            continue
        token = _CITY_ALIASES.get(token, token)
        mapped = _WORDS.get(token) or _compound(token)
        if mapped is None:
            stemmed = _stem(token)
            mapped = _WORDS.get(stemmed) or _misspelt_kind(token) or (stemmed,)
        tokens.extend(mapped)
    # "gmina miejska"/"gmina miasto": an urban gmina is the town.
    if "city" in tokens and "municipality" in tokens:
        tokens = [token for token in tokens if token != "municipality"]
    if "rural" in tokens and "municipality" not in tokens:
        tokens.append("municipality")
    # A Nordic "Regional Council" (regionförbund, maakunnan liitto) is the association of
    # the region's municipalities.
    if "regional" in tokens and "council" in tokens:
        tokens = [t for t in tokens if t not in ("regional", "council")]
        tokens += ["association", "municipality"]
    # "Zarząd Morskiego Portu": a seaport is a port.
    if "port" in tokens and "maritime" in tokens:
        tokens = [t for t in tokens if t != "maritime"]
    # Swedish "teknisk högskola" is an institute of technology (KTH, BTH).
    if "technology" in tokens and {"hogskola", "hogskolan"} & set(tokens):
        tokens = ["institute" if t in ("hogskola", "hogskolan") else t for t in tokens]
    # "Kalmar County Council" is the county's regional government, as "landsting" is.
    if "county" in tokens and "council" in tokens:
        tokens = ["region" if t == "county" else t for t in tokens if t != "council"]
    # Latvian novads, Estonian vald: "County/Local Municipality" is the municipality.
    if "municipality" in tokens and "city" not in tokens:
        tokens = [t for t in tokens if t not in ("county", "local")]
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
    # "Bielsko-Biała": a seat of several words is dropped whole, from the end.
    seat = [_light_stem(_stem(part)) for part in _SPLIT.split(fold(town)) if part]
    size = len(seat)
    if not seat or len(tokens) <= size:
        return tokens
    rest = tokens[:-size]
    others = {_light_stem(t) for t in other}
    # a generic rest only when it is the other name itself (the towns agree)
    if (
        [_light_stem(t) for t in tokens[-size:]] == seat
        and seat[0] not in others
        and (_distinctive(rest) or _key(rest) == _key(other))
    ):
        return rest
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


#: "Municipality of Hässleholm - EU office Skåne Nordost", "POWIAT ŻYWIECKI / ŻYWIECKY OKRES",
#: "Bodensee-Stiftung, Internationale Stiftung für Natur und Kultur".
_SEPARATOR = re.compile(r"\s+[-–/]\s+|\s*/\s*|,\s+")
#: Words that make what follows a separator an office of the body before it (a faculty, a
#: ward or a department named as partner is kept apart: it acts on its own).
_UNIT_WORDS = frozenset(_list("office secretariat"))


def head_of(name: str) -> str | None:
    """The body a name stands for when it is "body, subtitle" or "body - its office": the
    part before the separator, if what follows is one of its offices or a subtitle of the
    same kind ("…-Stiftung, Internationale Stiftung …"), else None."""
    parts = _SEPARATOR.split(name, maxsplit=1)
    if len(parts) != 2:
        return None
    head, tail = canonical_tokens(parts[0]), canonical_tokens(parts[1])
    if not head or (not _distinctive(head) and place_of(head) is None):
        return None
    tail_kinds = {t for t in tail if t in KIND_TOKENS}
    if _UNIT_WORDS & set(tail) and not tail_kinds:
        return parts[0]
    if tail_kinds and tail_kinds == {t for t in head if t in KIND_TOKENS}:
        return parts[0]
    return None


class _Named(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def other_names(self) -> tuple[str, ...]: ...


def name_variants(mention: _Named) -> tuple[str, ...]:
    """The names a mention is compared under: its own, its other names, and its head."""
    head = head_of(mention.name)
    return (mention.name, *mention.other_names, *((head,) if head else ()))


def mention_tokens(mention: _Named, country: str | None) -> list[tuple[str, tuple[str, ...]]]:
    """Each name of :func:`name_variants` with its tokens in ``country``."""
    return [(name, tokens_of(name, country)) for name in name_variants(mention)]
