"""Stored values shown on pages (roles, statuses, kinds, confidence levels, gmina types) in
the page's language.

The data stores these values in English (or, for gmina types, in Polish TERYT words); the
tables here give both languages. ``value_text`` translates a property's value; a value no
table knows is returned as stored, and ``is_translated`` lets a page mark such a value as
English (``lang="en"``).
"""

from __future__ import annotations

import re

from partnergraph.viz.i18n import Lang

__all__ = ["ROLES", "ROLE_WORDS", "VALUES", "is_translated", "role_text", "value_text"]

#: Whole stored roles of relationships (``role`` of MEMBER_OF, PARTICIPATES_IN, ADOPTED_BY).
ROLES: dict[str, tuple[str, str]] = {
    "member (party)": ("członek (strona)", "member (party)"),
    "member (signatory)": ("członek (sygnatariusz)", "member (signatory)"),
    "member region": ("region członkowski", "member region"),
    "body of the ERB": ("organ ERB", "body of the ERB"),
    "owner": ("właściciel", "owner"),
    "adopting body": ("organ przyjmujący", "adopting body"),
    "managing authority": ("instytucja zarządzająca", "managing authority"),
}

#: Fixed words inside stored roles, longest first so "1st vice-chair of the board" is not
#: read as "chair of the board"; the rest of a role (names, dates) is shown as stored.
ROLE_WORDS: dict[str, tuple[str, str]] = {
    "supporting member (członek wspierający)": (
        "członek wspierający",
        "supporting member (członek wspierający)",
    ),
    "board (management body)": ("zarząd (organ zarządzający)", "board (management body)"),
    "host of the secretariat": ("siedziba sekretariatu", "host of the secretariat"),
    "1st vice-chair of the board": ("I wiceprzewodniczący zarządu", "1st vice-chair of the board"),
    "2nd vice-chair of the board": ("II wiceprzewodniczący zarządu", "2nd vice-chair of the board"),
    "vice-chair of the board": ("wiceprzewodniczący zarządu", "vice-chair of the board"),
    "chair of the board": ("przewodniczący zarządu", "chair of the board"),
    "member of the board": ("członek zarządu", "member of the board"),
    "appoints representatives": ("wyznacza przedstawicieli", "appoints representatives"),
    "presidency": ("prezydencja", "presidency"),
    "coordinator": ("koordynator", "coordinator"),
    "first board": ("pierwszy zarząd", "first board"),
    "elected at the": ("wybrany na", "elected at the"),
    "General Meeting": ("Walnym Zebraniu", "General Meeting"),
    "elected": ("wybrany", "elected"),
    "as of": ("stan na", "as of"),
    "member": ("członek", "member"),
    "lead": ("lider", "lead"),
    "partner": ("partner", "partner"),
    "associated": ("partner stowarzyszony", "associated"),
    "signatory": ("sygnatariusz", "signatory"),
    "party": ("strona", "party"),
}

_TERM = re.compile(r"\b(\d+)(?:st|nd|rd|th) term\b")
_MONTHS = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")
_MONTHS_PL = {
    "Jan": "sty",
    "Feb": "lut",
    "Mar": "mar",
    "Apr": "kwi",
    "May": "maj",
    "Jun": "cze",
    "Jul": "lip",
    "Aug": "sie",
    "Sep": "wrz",
    "Oct": "paź",
    "Nov": "lis",
    "Dec": "gru",
}

#: Property → stored value → (Polish, English).
VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "status": {
        "active": ("aktywny", "active"),
        "suspended": ("zawieszony", "suspended"),
        "ended": ("zakończony", "ended"),
        "unknown": ("nieznany", "unknown"),
        "unverified": ("niezweryfikowany", "unverified"),
        "unconfirmed": ("niepotwierdzony", "not confirmed"),
    },
    "confidence": {
        "verified": ("zweryfikowane", "verified"),
        "inferred": ("wywnioskowane", "inferred"),
        "unverified": ("niezweryfikowane", "unverified"),
    },
    "gmina_type": {
        "miejska": ("miejska", "urban"),
        "wiejska": ("wiejska", "rural"),
        "miejsko-wiejska": ("miejsko-wiejska", "urban-rural"),
        "foreign": ("zagraniczna", "foreign"),
    },
    "kind": {
        # organisations
        "regional development agency": (
            "agencja rozwoju regionalnego",
            "regional development agency",
        ),
        "association of municipalities": ("związek gmin", "association of municipalities"),
        "institute": ("instytut", "institute"),
        "university": ("uczelnia", "university"),
        "regional municipality": ("samorząd regionalny", "regional municipality"),
        "wastewater utility": ("przedsiębiorstwo ściekowe", "wastewater utility"),
        "water utility": ("przedsiębiorstwo wodociągowe", "water utility"),
        "network of regions": ("sieć regionów", "network of regions"),
        "chamber of commerce": ("izba gospodarcza", "chamber of commerce"),
        "association": ("stowarzyszenie", "association"),
        "foundation": ("fundacja", "foundation"),
        "regional council": ("rada regionu", "regional council"),
        "company": ("spółka", "company"),
        "regional development bank": ("regionalny bank rozwoju", "regional development bank"),
        "regional assembly": ("sejmik regionu", "regional assembly"),
        "public transport authority": (
            "organizator transportu publicznego",
            "public transport authority",
        ),
        "science park": ("park naukowy", "science park"),
        "organisation": ("organizacja", "organisation"),
        "planning region": ("region planowania", "planning region"),
        "regional parliament": ("parlament regionu", "regional parliament"),
        "national ministry": ("ministerstwo", "national ministry"),
        "national agency": ("agencja rządowa", "national agency"),
        "regional government": ("władze regionu", "regional government"),
        "youth body": ("organ młodzieżowy", "youth body"),
        "county (abolished 2007)": ("okręg (zniesiony w 2007)", "county (abolished 2007)"),
        "network of cities": ("sieć miast", "network of cities"),
        # networks
        "forum": ("forum", "forum"),
        "council": ("rada", "council"),
        "executive board": ("zarząd wykonawczy", "executive board"),
        "secretariat": ("sekretariat", "secretariat"),
        "preparatory committee": ("komitet przygotowawczy", "preparatory committee"),
        "rotating presidency": ("rotacyjna prezydencja", "rotating presidency"),
        "presidium": ("prezydium", "presidium"),
        "secretariats": ("sekretariaty", "secretariats"),
        "thematic networks": ("sieci tematyczne", "thematic networks"),
        "task force (temporary)": ("zespół zadaniowy (czasowy)", "task force (temporary)"),
        "task force": ("zespół zadaniowy", "task force"),
        "working group": ("grupa robocza", "working group"),
        "youth board": ("rada młodzieżowa", "youth board"),
        "euroregion": ("euroregion", "euroregion"),
        "strategic networks (temporary and permanent)": (
            "sieci strategiczne (czasowe i stałe)",
            "strategic networks (temporary and permanent)",
        ),
        "board (management body of the association)": (
            "zarząd (organ zarządzający stowarzyszenia)",
            "board (management body of the association)",
        ),
        # strategies
        "agenda": ("agenda", "agenda"),
        "action plan": ("plan działania", "action plan"),
        "strategy": ("strategia", "strategy"),
        "position paper": ("stanowisko", "position paper"),
        "foreign-cooperation priorities": (
            "priorytety współpracy zagranicznej",
            "foreign-cooperation priorities",
        ),
        # programmes
        "Interreg V B transnational": ("Interreg V B, transnarodowy", "Interreg V B transnational"),
        "Interreg VI B transnational": (
            "Interreg VI B, transnarodowy",
            "Interreg VI B transnational",
        ),
        "Interreg III B transnational": (
            "Interreg III B, transnarodowy",
            "Interreg III B transnational",
        ),
        "Interreg V-A cross-border": ("Interreg V-A, transgraniczny", "Interreg V-A cross-border"),
        "Interreg VI-A cross-border": (
            "Interreg VI-A, transgraniczny",
            "Interreg VI-A cross-border",
        ),
        "Interreg IV A cross-border": (
            "Interreg IV A, transgraniczny",
            "Interreg IV A cross-border",
        ),
        "EU pre-accession small project fund": (
            "przedakcesyjny fundusz małych projektów UE",
            "EU pre-accession small project fund",
        ),
        "national funding": ("finansowanie krajowe", "national funding"),
        # agreements
        "agency cooperation agreement": (
            "porozumienie o współpracy agencji",
            "agency cooperation agreement",
        ),
        "trilateral regional agreement": (
            "trójstronne porozumienie regionów",
            "trilateral regional agreement",
        ),
        "cooperation agreement": ("porozumienie o współpracy", "cooperation agreement"),
        "interregional cooperation agreement": (
            "porozumienie o współpracy międzyregionalnej",
            "interregional cooperation agreement",
        ),
        "joint declaration": ("wspólna deklaracja", "joint declaration"),
        "partnership agreement": ("umowa partnerska", "partnership agreement"),
        "regional partnership": ("partnerstwo regionów", "regional partnership"),
        "cooperation plans": ("plany współpracy", "cooperation plans"),
        "parliamentary cooperation agreement": (
            "porozumienie o współpracy parlamentów",
            "parliamentary cooperation agreement",
        ),
        "parliamentary partnership": ("partnerstwo parlamentów", "parliamentary partnership"),
    },
}


def value_text(key: str, value: str, lang: Lang) -> str:
    """A stored value of property ``key`` in ``lang``; roles by :func:`role_text`."""
    if key == "role":
        return role_text(value, lang)
    pair = VALUES.get(key, {}).get(value)
    if pair is None:
        return value
    return pair[1] if lang == "en" else pair[0]


def is_translated(key: str, value: str) -> bool:
    """Whether ``value`` of ``key`` has a translation (else it is shown as stored)."""
    if key == "role":
        return value in ROLES or role_text(value, "pl") != value
    return value in VALUES.get(key, {})


def role_text(role: str, lang: Lang) -> str:
    """A role as stored ("chair of the board (8th term)") in the page's language: the fixed
    words are translated, names and dates are kept."""
    if lang == "en" or not role:
        return role
    if role in ROLES:
        return ROLES[role][0]
    text = _TERM.sub(lambda m: f"{m.group(1)}. kadencja", role)
    text = _MONTHS.sub(lambda m: _MONTHS_PL[m.group(1)], text)
    for english, (polish, _en) in ROLE_WORDS.items():
        text = re.sub(rf"(?<![\w-]){re.escape(english)}(?![\w-])", polish, text)
    return text
