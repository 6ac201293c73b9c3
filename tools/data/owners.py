"""Who owns a programme (its managing authority, ADOPTED_BY), and sources for Polish names
of bodies that project lists give in English.

Owners are not their own partners (docs/answer-rules.md), so the query layer needs them as
facts, each with the page that says so. Only what a page read for it states is recorded: the
managing authorities of the 2021–2027 South Baltic and Baltic Sea Region programmes.
"""

from __future__ import annotations

from registry import Registry
from source_meta import SESSION_DATE

from partnergraph.model import NodeLabel, RelType

__all__ = ["build_owners"]

SB21 = "programme:interreg-south-baltic-2021-2027"
BSR21 = "programme:interreg-bsr-2021-2027"
MFIPR = "org:ministerstwo-funduszy-i-polityki-regionalnej"
IBSH = "org:investitionsbank-schleswig-holstein"
IGWP = "org:economic-chamber-polish-waterworks"


def build_owners(reg: Registry) -> None:
    sb_bodies = reg.url(
        "https://southbaltic.eu/programme/who-we-are-programme-bodies",
        "Interreg South Baltic: Who we are (Programme bodies)",
        retrieved=SESSION_DATE,
    )
    ewt = reg.url(
        "https://www.ewt.gov.pl/strony/wiadomosci/programy-interreg-poludniowy-baltyk-i-interact-przyjete-przez-komitet-do-spraw-europejskich/",
        "Europejska Współpraca Terytorialna: Programy Interreg Południowy Bałtyk i Interact "
        "przyjęte przez Komitet do Spraw Europejskich (2021)",
        retrieved=SESSION_DATE,
    )
    reg.node(
        NodeLabel.ORGANISATION,
        MFIPR,
        "Ministerstwo Funduszy i Polityki Regionalnej",
        [sb_bodies, ewt],
        name_en="Ministry of Development Funds and Regional Policy",
        kind="national ministry",
        country="PL",
    )
    reg.edge(RelType.LOCATED_IN, MFIPR, "country:PL", [ewt])
    reg.edge(
        RelType.ADOPTED_BY,
        SB21,
        MFIPR,
        [sb_bodies, ewt],
        role="managing authority",
        note="The Polish ministry performs the Managing Authority's functions on behalf of "
        "the Member States (programme bodies page; Komitet do Spraw Europejskich, 16 Dec 2021).",
    )
    zrp = reg.url(
        "https://zrp.pl/konsultacje-projektu-programu-interreg-region-morza-baltyckiego-2021-2027/",
        "Związek Rzemiosła Polskiego: Konsultacje projektu Programu Interreg Region Morza "
        "Bałtyckiego 2021-2027",
        retrieved=SESSION_DATE,
    )
    reg.node(
        NodeLabel.ORGANISATION,
        IBSH,
        "Investitionsbank Schleswig-Holstein",
        [zrp],
        name_en="Investitionsbank Schleswig-Holstein",
        kind="regional development bank",
        country="DE",
    )
    reg.edge(RelType.LOCATED_IN, IBSH, "country:DE", [zrp])
    reg.edge(
        RelType.ADOPTED_BY,
        BSR21,
        IBSH,
        [zrp],
        role="managing authority",
        note="'Instytucją Zarządzającą programem jest Bank Inwestycyjny Szlezwik-Holsztyn z "
        "siedzibą w Kilonii' (consultation of the 2021-2027 programme draft).",
    )
    # the chamber's own site names it in Polish; project lists give it in English
    igwp = reg.url(
        "https://igwp.org.pl/index.php/informacje/wydarzenia/1706-zwyczajne-walne-zgromadzenie-2020",
        "Izba Gospodarcza „Wodociągi Polskie”: Zwyczajne Walne Zgromadzenie 2020",
        retrieved=SESSION_DATE,
    )
    reg.node(NodeLabel.ORGANISATION, IGWP, "Izba Gospodarcza „Wodociągi Polskie”", [igwp])
