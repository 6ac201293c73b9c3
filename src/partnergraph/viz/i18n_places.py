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

from dataclasses import dataclass

from partnergraph.model import Node, NodeLabel
from partnergraph.viz.i18n import Lang

__all__ = [
    "COUNTRIES_PL",
    "PLACE_NAME_SOURCES",
    "REGIONS",
    "ShownName",
    "country_name",
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
    return ShownName(node.display_name(lang))
