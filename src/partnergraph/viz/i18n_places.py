"""Names of countries and of the few foreign regions the pages show as headers, in the page's
language, with the native name kept for a ``data-native-name`` mark beside it.

Polish forms follow the lists of the Commission on Standardization of Geographical Names
Outside the Republic of Poland (KSNG): country names from the *Urzędowy wykaz nazw państw
i terytoriów niesamodzielnych* (3rd edition, GUGiK/KSNG) and region names from the
*Urzędowy wykaz polskich nazw geograficznych świata* (2nd edition, 2019), see
``PLACE_NAME_SOURCES``. English forms are the ``name_en`` of the bundled data (ISO 3166).

Why here and not in ``data/``: the data model (``partnergraph.model.NODE_PROPERTIES``) has no
``name_pl`` column for countries or regions, and the dataset's ``name`` is the native form on
purpose; a translated name is a matter of presentation, like the other translation tables.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from partnergraph.graph.store import GraphStore
from partnergraph.ingest.workspace import KEEP_EU_SOURCE
from partnergraph.model import Node, NodeLabel
from partnergraph.viz.i18n import Lang

__all__ = [
    "COUNTRIES_PL",
    "PLACE_NAME_SOURCES",
    "REGIONS",
    "ShownName",
    "country_name",
    "county_name",
    "place_names",
    "shown_name",
]

#: Where the Polish forms come from (KSNG, the official Polish exonym lists).
PLACE_NAME_SOURCES: tuple[tuple[str, str], ...] = (
    (
        "KSNG: Urzędowy wykaz polskich nazw geograficznych świata (wydanie 2, 2019)",
        "http://ksng.gugik.gov.pl/wpngs.php",
    ),
    (
        "KSNG: Urzędowy wykaz nazw państw i terytoriów niesamodzielnych (wydanie 3)",
        "https://www.kartografia.pl/nowe-wydanie-urzedowego-wykazu-nazw-panstw/",
    ),
)

#: ISO 3166-1 alpha-2 code → the short Polish name of the country (KSNG).
COUNTRIES_PL: dict[str, str] = {
    "AT": "Austria",
    "BE": "Belgia",
    "BG": "Bułgaria",
    "BR": "Brazylia",
    "BY": "Białoruś",
    "CA": "Kanada",
    "CH": "Szwajcaria",
    "CL": "Chile",
    "CN": "Chiny",
    "CZ": "Czechy",
    "DE": "Niemcy",
    "DK": "Dania",
    "EE": "Estonia",
    "ES": "Hiszpania",
    "FI": "Finlandia",
    "FR": "Francja",
    "GB": "Wielka Brytania",
    "GE": "Gruzja",
    "GR": "Grecja",
    "HR": "Chorwacja",
    "HU": "Węgry",
    "IE": "Irlandia",
    "IL": "Izrael",
    "IT": "Włochy",
    "KZ": "Kazachstan",
    "LT": "Litwa",
    "LU": "Luksemburg",
    "LV": "Łotwa",
    "MA": "Maroko",
    "MD": "Mołdawia",
    "MK": "Macedonia Północna",
    "MT": "Malta",
    "MX": "Meksyk",
    "NL": "Holandia",
    "NO": "Norwegia",
    "PL": "Polska",
    "PS": "Palestyna",
    "PT": "Portugalia",
    "RO": "Rumunia",
    "RS": "Serbia",
    "RU": "Rosja",
    "SE": "Szwecja",
    "SI": "Słowenia",
    "SK": "Słowacja",
    "TR": "Turcja",
    "TW": "Tajwan",
    "UA": "Ukraina",
    "US": "Stany Zjednoczone",
    "ZM": "Zambia",
}

#: Region uid → (Polish, English) names, for foreign regions that have a Polish exonym (KSNG)
#: or whose native name is not in the Latin script. Country-level NUTS regions take the
#: country's name (see ``shown_name``).
REGIONS: dict[str, tuple[str, str]] = {
    "iso:RU-KGD": ("Obwód kaliningradzki", "Kaliningrad Oblast"),
    "iso:CN-SH": ("Szanghaj", "Shanghai"),
    "nuts:DE2": ("Bawaria", "Bavaria"),
    "nuts:DE8": ("Meklemburgia-Pomorze Przednie", "Mecklenburg-Western Pomerania"),
    "nuts:DE80": ("Meklemburgia-Pomorze Przednie", "Mecklenburg-Western Pomerania"),
    "nuts:DEF": ("Szlezwik-Holsztyn", "Schleswig-Holstein"),
    "nuts:DEF0": ("Szlezwik-Holsztyn", "Schleswig-Holstein"),
    "nuts:DE25": ("Frankonia Środkowa", "Middle Franconia"),
    "nuts:DK02": ("Zelandia", "Zealand"),
    "nuts:FRD": ("Normandia", "Normandy"),
    "nuts:FRD2": ("Górna Normandia", "Upper Normandy"),
    "nuts:FRI": ("Nowa Akwitania", "New Aquitaine"),
    "nuts:FRI1": ("Akwitania", "Aquitaine"),
    "nuts:ES52": ("Walencja", "Valencian Community"),
    "nuts:NL32": ("Holandia Północna", "North Holland"),
    "nuts:LT023": ("okręg kłajpedzki", "Klaipėda County"),
    "nuts:LT011": ("okręg wileński", "Vilnius County"),
    "nuts:SE224": ("Skania", "Skåne County"),
}


@dataclass(frozen=True)
class ShownName:
    """A name in the page's language and, where it differs, the native (stored) name."""

    text: str
    native: str | None = None
    #: "en" when a Polish page shows a name stored only in English (``name_en == name``)
    lang: str | None = None


def country_name(iso: str, native: str, name_en: str | None, lang: Lang) -> ShownName:
    shown = (name_en or native) if lang == "en" else COUNTRIES_PL.get(iso, name_en or native)
    return ShownName(shown, native if native != shown else None)


def shown_name(node: Node, lang: Lang) -> ShownName:
    """The name of ``node`` to show on a page in ``lang``: exonyms for countries and listed
    regions, otherwise the node's own display name."""
    if node.label == NodeLabel.COUNTRY:
        iso = str(node.properties.get("iso_code") or node.uid.rpartition(":")[2])
        return country_name(iso, node.name, node.name_en, lang)
    if node.label == NodeLabel.REGION:
        if node.uid in REGIONS:
            pl, en = REGIONS[node.uid]
            shown = en if lang == "en" else pl
            return ShownName(shown, node.name if node.name != shown else None)
        level = node.properties.get("nuts_level")
        iso = str(node.properties.get("country") or "")
        if level == 0 and iso:
            return country_name(iso, node.name, node.name_en, lang)
    if node.label == NodeLabel.COUNTY and lang == "en" and not node.name_en:
        return ShownName(county_name(node.name, lang))
    if lang == "pl" and node.name_en and not _latin(node.name):
        return ShownName(node.name_en, native=node.name, lang="en")
    stored_in_english = lang == "pl" and (
        (node.name_en is not None and node.name_en == node.name) or _english_name(node)
    )
    if stored_in_english:
        return ShownName(node.display_name(lang), lang="en")
    if _as_given(node):
        # keep.eu gives partners' names in English or in their own language, and nothing
        # says which: shown as given, tagged "und" (BCP 47: undetermined), not as page text
        return ShownName(node.display_name(lang), lang=UNDETERMINED)
    return ShownName(node.display_name(lang))


#: BCP 47's tag for a text whose language is not known.
UNDETERMINED = "und"


def _as_given(node: Node) -> bool:
    """A name known only from an import or the bundled keep.eu layer, with no curated name
    or English form beside it."""
    return (
        not node.name_en
        and bool(node.sources)
        and all(s == KEEP_EU_SOURCE or s.startswith("import-") for s in node.sources)
    )


#: Labels whose stored name is a document's or programme's own title, mostly given in English
#: by the sources: such a title in plain ASCII letters with no ``name_en`` is marked English
#: on Polish pages ("Interreg South Baltic Programme 2014-2020"); see ``_english_name``.
_TITLE_LABELS = frozenset(
    {NodeLabel.PROGRAMME, NodeLabel.STRATEGY, NodeLabel.PRIORITY, NodeLabel.PROJECT}
)

_PLACE_LABELS = frozenset(
    {NodeLabel.COUNTRY, NodeLabel.REGION, NodeLabel.COUNTY, NodeLabel.MUNICIPALITY}
)

#: How TERYT names a city with powiat rights, and the English form of those words (powiat
#: names themselves have no English form, as in ``queries.search.gmina_detail``).
CITY_COUNTY: tuple[str, str] = ("miasto na prawach powiatu ", "city with powiat rights ")


def county_name(name: str, lang: Lang) -> str:
    """A powiat's stored (Polish, TERYT) name in ``lang``: "miasto na prawach powiatu Sopot"
    is "city with powiat rights Sopot" in English; "powiat sztumski" stays as it is."""
    polish, english = CITY_COUNTY
    if lang == "en" and name.startswith(polish):
        return english + name.removeprefix(polish)
    return name


def _english_name(node: Node) -> bool:
    """Whether a stored name is English although not equal to ``name_en``: plain ASCII
    letters, and a ``name_en`` that is a shorter or longer form of it rather than a
    translation (one's words all in the other's: "Samogitia Community Foundation" / "Public
    Establishment Samogitia Community Foundation"), or, for titles, no ``name_en`` at all."""
    if not node.name.isascii() or node.label in _PLACE_LABELS:
        return False  # "Pomorskie" / "Pomorskie Voivodeship": a place's own name
    if node.name_en is None:
        return node.label in _TITLE_LABELS
    words, words_en = set(node.name.split()), set(node.name_en.split())
    return words_en <= words or words <= words_en


def _latin(text: str) -> bool:
    """Whether every letter of ``text`` is in the Latin script."""
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text)


def place_names(
    store: GraphStore, keys: list[str], fallback: dict[str, str], lang: Lang
) -> dict[str, ShownName]:
    """Names of countries (by ISO code) or regions (by uid) in ``lang``; keys with no node
    keep their ``fallback`` name."""
    found = store.get_nodes([*(f"country:{k}" for k in keys), *keys])
    names = {}
    for key in keys:
        node = found.get(f"country:{key}") or found.get(key)
        names[key] = shown_name(node, lang) if node else ShownName(fallback.get(key, key))
    return names
