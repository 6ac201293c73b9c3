"""The association of seed 003 (Stowarzyszenie Gmin RP Euroregion Bałtyk): its member gminy,
its board per term, the ERB bodies it sits in, and the count of 41 members it states.

Facts come from the research of 2026-12-06 on the association (pages read through the search
tool's stored copies; each page below is cited where used). Rules kept here:

- a membership confirmed by a source in 2023-2024 (board seat, accession) is ``active`` and
  open-ended; ``confirmed`` is the last date a source confirms it;
- a membership known only from earlier sources (founders of 1997, boards of 1998 and 2015) is
  bounded by what the sources show: ``valid_from`` where known, ``valid_to`` = ``confirmed`` =
  the last confirmed date, ``status`` empty (unknown) — never shown as a current member, never
  called ended, the note says so;
- a name that the source does not resolve to one gmina (Słupsk, Iława) and a gmina without a
  node (Postomino, zachodniopomorskie) are left out (docs/data-coverage.md lists them).
"""

from __future__ import annotations

from registry import Registry
from source_meta import SESSION_DATE

from partnergraph.model import NodeLabel, RelType

__all__ = ["CURRENT_MEMBERS", "HISTORICAL_MEMBERS", "build_association"]

STG = "org:stowarzyszenie-gmin-rp-euroregion-baltyk"
BOARD = "network:stg-erb-zarzad"
FOUNDED = "1997-12-22"  # entered in the register of associations (legal personality)

#: Members a source confirms in 2023-2024: uid -> (name, last confirmed date).
CURRENT_MEMBERS: dict[str, tuple[str, str]] = {
    "teryt:2861011": ("Elbląg", "2024-05-23"),
    "teryt:2262011": ("Gdynia", "2024-05-23"),
    "teryt:2802011": ("Braniewo (miasto)", "2024-05-23"),
    "teryt:2862011": ("Olsztyn", "2024-05-23"),
    "teryt:2261011": ("Gdańsk", "2024-05-23"),
    "teryt:2211031": ("Puck (miasto)", "2024-05-23"),
    "teryt:2814112": ("Stawiguda", "2024-05-23"),
    "teryt:2209011": ("Malbork (miasto)", "2024-05-23"),
    "teryt:2811043": ("Nidzica", "2024-05-23"),
    "teryt:2801052": ("Górowo Iławeckie (gmina wiejska)", "2023-03-24"),
    "teryt:2804032": ("Gronowo Elbląskie", "2024"),
}
#: Members known only from earlier sources: uid -> (name, valid_from, last confirmed, why).
HISTORICAL_MEMBERS: dict[str, tuple[str, str, str, str]] = {
    "teryt:2203052": ("Koczała", FOUNDED, FOUNDED, "founder"),
    "teryt:2212011": ("Ustka (miasto)", FOUNDED, "2015", "founder; board seat 2015"),
    "teryt:2802022": ("Braniewo (gmina wiejska)", FOUNDED, FOUNDED, "founder"),
    "teryt:2201063": ("Miastko", FOUNDED, FOUNDED, "founder"),
    "teryt:2210042": ("Stegna", FOUNDED, FOUNDED, "founder"),
    "teryt:2203062": ("Przechlewo", FOUNDED, FOUNDED, "founder"),
    "teryt:2201032": ("Czarna Dąbrówka", FOUNDED, "1998-03-09", "founder; board seat 1998"),
    "teryt:2809053": ("Orneta", FOUNDED, FOUNDED, "founder"),
    "teryt:2802062": ("Płoskinia", FOUNDED, FOUNDED, "founder"),
    "teryt:2212092": ("Smołdzino", FOUNDED, FOUNDED, "founder"),
    "teryt:2201072": ("Parchowo", FOUNDED, FOUNDED, "founder"),
    "teryt:2212042": ("Główczyce", FOUNDED, FOUNDED, "founder"),
    "teryt:2210052": ("Sztutowo", FOUNDED, "1998-03-09", "founder; board seat 1998"),
    "teryt:2804063": ("Młynary", "", "1998-03-09", "board seat 1998"),
    "teryt:2801021": ("Górowo Iławeckie (miasto)", "", "1998-03-09", "board seat 1998"),
    "teryt:2204062": ("Pszczółki", "", "2015", "board seat 2015"),
    "teryt:2808011": ("Kętrzyn (miasto)", "", "2015", "board seat 2015"),
}
FOUNDERS_IN_CURRENT = ("teryt:2861011", "teryt:2262011")  # Elbląg, Gdynia
#: The association's own count of its members.
STATED_COUNT = 41


def build_association(reg: Registry, sources: dict[str, list[str]]) -> None:
    """Memberships, board terms and bodies; ``sources`` holds ids the caller registered
    (portel, elblag_net, stg_page, mission, ostroda, notice, gronowo, gronowo_year)."""
    d = SESSION_DATE

    def page(url: str, title: str) -> str:
        return reg.url(url, title, retrieved=d)

    history = page(
        "http://eurobalt.org.pl/5-strona,historia-stg.html",
        "HISTORIA STG: historia utworzenia Stowarzyszenia Gmin RP Euroregion Bałtyk "
        "(eurobalt.org.pl)",
    )
    history_archive = page(
        "https://archiwum.eurobalt.org.pl/5-strona,historia-stg.html",
        "HISTORIA STG (archiwum.eurobalt.org.pl; stored copy without Polish diacritics)",
    )
    gm50 = page(
        "https://eurobalt.org.pl/en/50th-general-meeting-and-meeting-of-the-management-board-"
        "of-the-8th-term/",
        "50th General Meeting and Board Meeting of the 8th term (eurobalt.org.pl)",
    )
    z0203 = page(
        "https://eurobalt.org.pl/posiedzenie-zarzadu-stowarzyszenia-03-02-2023/",
        "Posiedzenie Zarządu Stowarzyszenia, 03.02.2023 (eurobalt.org.pl)",
    )
    z2403 = page(
        "https://eurobalt.org.pl/posiedzenie-zarzadu-stowarzyszenia-24-03-2023/",
        "Posiedzenie Zarządu Stowarzyszenia, 24.03.2023 (eurobalt.org.pl)",
    )
    stawiguda = page(
        "https://eurobalt.org.pl/en/stg-erb-board-meeting/",
        "STG ERB Board Meeting, 17 May 2023 (eurobalt.org.pl)",
    )
    wzd2013 = page(
        "https://www.elblag.eu/index.php/168-miasto/5346-jerzy-wilk-przewodniczcym-gmin-rp-"
        "euroregionu-batyk",
        "Jerzy Wilk Przewodniczącym Gmin RP Euroregionu Bałtyk (City of Elbląg, 2013)",
    )
    wzd2015 = page(
        "http://elblag.eu/index.php/168-miasto/7560-prezydent-elblga-witold-wroblewski-"
        "przewodniczcym-zarzdu-stowarzyszenia-gmin-rp-euroregionu-batyk",
        "Prezydent Elbląga Witold Wróblewski Przewodniczącym Zarządu Stowarzyszenia Gmin RP "
        "Euroregionu Bałtyk (City of Elbląg, 2015)",
    )
    dziennik = page(
        "https://dziennikelblaski.pl/1037034,Miliony-na-nadbaltyckie-projekty-Podsumowano-"
        "dzialalnosc-Euroregionu-Baltyk.html",
        "Miliony na nadbałtyckie projekty. Podsumowano działalność Euroregionu Bałtyk "
        "(Dziennik Elbląski, 5 April 2024)",
    )
    stg_page_en = page(
        "https://eurobalt.org.pl/en/association-of-polish-communes-euroregion-baltic/",
        "Association of Polish Communes Euroregion Baltic: about (eurobalt.org.pl)",
    )
    warmia2017 = page(
        "http://archiwalnyportal.warmia.mazury.pl/wspolpraca-miedzynarodowa/9528-posiedzenie-"
        "zarzadu-stowarzyszenia-gmin-rp-euroregion-baltyk-2",
        "Posiedzenie Zarządu Stowarzyszenia Gmin RP Euroregion Bałtyk (Warmińsko-Mazurskie "
        "regional portal, archive, 2017)",
    )
    youth = page(
        "https://eurobalt.org.pl/en/board-meeting-and-xlix-general-meeting-of-the-apc-erb",
        "Board Meeting and XLIX General Meeting of the APC ERB (eurobalt.org.pl)",
    )
    climate = page(
        "https://www.eurobalt.org/task-force-for-climate-change-and-green-transition/",
        "ERB Task Force for Climate Change and Green Transition (eurobalt.org)",
    )
    exec_board = page(
        "https://eurobalt.org.pl/en/executive-board-meeting-of-the-euroregion-baltic-26-27-09-2023",
        "Executive Board Meeting of the Euroregion Baltic - 26-27.09.2023 (eurobalt.org.pl)",
    )
    gm50_date = reg.source(
        "inferred-stg-erb-board-terms",
        "Dates of the association's board terms: 8th term from the 50th General Meeting of "
        "23 May 2024 (elblag.net, 24 May 2024: 'Wczoraj'); the previous board's seats end the "
        "day before; 2013 and 2015 boards dated by the year of the meeting reports",
        document="eurobalt.org.pl 50th General Meeting page and elblag.net article; dates "
        "combined by the data engineer",
        confidence="inferred",
        retrieved=d,
        note="The elblag.net article of 24 May 2024 says the General Meeting was held "
        "'yesterday'; the eurobalt.org.pl page says 'yesterday' too but shows no date.",
    )
    founders = reg.source(
        "inferred-stg-erb-founders",
        "Founding gminy of the association as members from 22 Dec 1997 (entry in the register), "
        "names resolved to TERYT codes",
        document="eurobalt.org.pl history page: list of 17 founding gminy submitted to the "
        "Sąd Wojewódzki w Elblągu; entry in the register by decision of 22 Dec 1997. 'Ustka "
        "(miasto)', 'Gdynia (miasto)', 'Elbląg (miasto)' -> urban gminy, 'Braniewo (gmina)' -> "
        "rural gmina 2802022; Słupsk (town or rural gmina not stated) and Postomino "
        "(zachodniopomorskie, no node) left out",
        confidence="inferred",
        retrieved=d,
    )
    resolution = reg.source(
        "inferred-stg-erb-board-gminy",
        "Gmina represented by each board member of the association, from the office the source "
        "gives (Prezydent/Burmistrz/Mayor of the City -> urban gmina, Wójt -> rural gmina)",
        document="board lists on eurobalt.org.pl (1998, 2023, 2024) and elblag.eu (2015); "
        "resolution by the data engineer",
        confidence="inferred",
        retrieved=d,
    )

    # --- member gminy ---------------------------------------------------------------------
    current_why = {
        "teryt:2861011": (
            [gm50, history, founders, *sources["portel"], *sources["elblag_net"]],
            FOUNDED,
            "Founder (history page: '… Sztutowo oraz Elbląg (miasto)', registered 22 Dec 1997); "
            "seat of the association; chair of the board on 2024-05-23 confirms membership on "
            "that date.",
        ),
        "teryt:2262011": (
            [gm50, history, founders],
            FOUNDED,
            "Founder ('Gdynia (miasto)', registered 22 Dec 1997); 1st vice-chair of the board "
            "on 2024-05-23 confirms membership on that date.",
        ),
        "teryt:2802011": (
            [gm50, z0203, resolution],
            "",
            "2nd vice-chair of the board (Mayor of the City of Braniewo) on 2024-05-23 "
            "confirms membership on that date; board member since Dec 2022. Accession date "
            "not found.",
        ),
        "teryt:2862011": (
            [gm50, z0203, wzd2015],
            "",
            "Board seat (Mayor of the City of Olsztyn) on 2024-05-23 confirms membership on "
            "that date; also on the boards of 2015 and 2023. Accession date not found.",
        ),
        "teryt:2261011": (
            [gm50, z0203, wzd2015, history_archive],
            "",
            "Board seat (Vice-Mayor of the City of Gdańsk) on 2024-05-23 confirms membership "
            "on that date; also on the boards of 1998, 2015 and 2023. Accession date not "
            "found.",
        ),
        "teryt:2211031": (
            [gm50, resolution],
            "",
            "Board seat (Mayor of the City of Puck) on 2024-05-23 confirms membership on that "
            "date. Accession date not found.",
        ),
        "teryt:2814112": (
            [gm50, stawiguda],
            "2023-05-17",
            "Admitted as an ordinary member by resolution of the board of 17 May 2023; board "
            "seat on 2024-05-23 confirms membership on that date.",
        ),
        "teryt:2209011": (
            [gm50, z2403, resolution],
            "",
            "Board seat (Marek Charzewski, Burmistrz Malborka, i.e. the urban gmina) on "
            "2024-05-23 confirms membership on that date. Accession date not found.",
        ),
        "teryt:2811043": (
            [gm50, z2403],
            "",
            "Board seat (Burmistrz Nidzicy) on 2024-05-23 confirms membership on that date. "
            "Accession date not found.",
        ),
        "teryt:2801052": (
            [z2403, z0203, wzd2015, resolution],
            "",
            "Board seat (Wójt Górowa Iławeckiego, i.e. the rural gmina) at the board meeting of "
            "2023-03-24 confirms membership on that date; also on the board of 2015; not on "
            "the board of 2024-05-23. Accession date not found.",
        ),
        "teryt:2804032": (
            [*sources["gronowo"], *sources["gronowo_year"]],
            "2024",
            "Accepted by resolution of the association's board (news of Feb-Mar 2024) confirms "
            "membership in 2024.",
        ),
    }
    for uid, (_name, confirmed) in CURRENT_MEMBERS.items():
        srcs, since, note = current_why[uid]
        reg.edge(
            RelType.MEMBER_OF,
            uid,
            STG,
            srcs,
            role="member",
            status="active",
            valid_from=since or None,
            confirmed=confirmed,
            note=note,
        )
    board_1998 = {"teryt:2201032", "teryt:2210052", "teryt:2804063", "teryt:2801021"}
    board_2015 = {"teryt:2212011", "teryt:2204062", "teryt:2808011"}
    for uid, (_name, since, confirmed, why) in HISTORICAL_MEMBERS.items():
        srcs: list[str] = []
        if since == FOUNDED:
            srcs += [history, founders]
        if uid in board_1998:
            srcs += [history_archive] + ([resolution] if uid == "teryt:2801021" else [])
        if uid in board_2015:
            srcs += [wzd2015, resolution]
        if since == FOUNDED:
            note = "Confirmed as founder 1997 (list of 17 founding gminy, registered 22 Dec 1997)"
        else:
            note = "Confirmed by a seat on the board"
        if why.endswith("board seat 1998") or why == "board seat 1998":
            note += "; board seat on 1998-03-09 (first board) confirms membership on that date"
        if why.endswith("board seat 2015"):
            note += "; board seat in 2015 (XXXII General Meeting) confirms membership that year"
        note += (
            f". Current membership not confirmed by a source after {confirmed[:4]}: the dates "
            "bound what the sources show, not a known end; whether it left is not known."
        )
        reg.edge(
            RelType.MEMBER_OF,
            uid,
            STG,
            srcs,
            role="member",
            valid_from=since or None,
            valid_to=confirmed,
            confirmed=confirmed,
            note=note,
        )
    reg.edge(
        RelType.MEMBER_OF,
        "teryt:2815092",
        STG,
        [*sources["ostroda"], *sources["notice"]],
        role="member",
        status="ended",
        valid_from="1999-05-27",
        valid_to="2013-01",
        confirmed="2012-10-30",
        note="Joined by council resolution XI/114/99 of 27 May 1999; left by resolution "
        "XXVIII/153/12 of 30 Oct 2012 with 3 months' notice (end about 31 Jan 2013, inferred).",
    )
    reg.edge(
        RelType.MEMBER_OF,
        "org:samorzad-wojewodztwa-warminsko-mazurskiego",
        STG,
        [warmia2017],
        role="supporting member (członek wspierający)",
        valid_to="2017",
        confirmed="2017",
        note="'Województwo warmińsko-mazurskie jest członkiem wspierającym Stowarzyszenia' "
        "(regional portal, 2017); not a gmina, not counted among the 41; not confirmed later.",
    )

    # --- the count the association states -------------------------------------------------
    n = len(CURRENT_MEMBERS)
    reg.node(
        NodeLabel.ORGANISATION,
        STG,
        "Stowarzyszenie Gmin RP Euroregion Bałtyk",
        [stg_page_en, dziennik, history],
        note=f"Member count as stated: 41 gminy (Dziennik Elbląski 5 Apr 2024: up from 32 in "
        f"the previous term; Portel.pl Apr 2024; elblag.net 24 May 2024; the association's "
        f"own undated about pages); 48 in 2015 (City of Elbląg). {n} of the 41 are confirmed "
        f"by name in 2023-2024; the member list itself was not found.",
    )
    reg.edge(RelType.LOCATED_IN, STG, "teryt:2861011", [history])

    # --- the board and its terms ----------------------------------------------------------
    reg.node(
        NodeLabel.NETWORK,
        BOARD,
        "Zarząd Stowarzyszenia Gmin RP Euroregion Bałtyk",
        [history, gm50, wzd2015],
        name_en="Board of the Association of Polish Communes Euroregion Baltic",
        kind="board (management body of the association)",
        aliases=["Zarząd STG ERB", "STG ERB Board"],
        note="Nine members elected by the General Meeting, each representing a member gmina. "
        "Terms known: first board registered 9 Mar 1998; boards elected at the XXIX (2013) and "
        "XXXII (2015) General Meetings; the 2018-2024 (7th) term as seen at the meetings of "
        "3 Feb and 24 Mar 2023 (8 of 9 members named); the 8th term from the 50th General "
        "Meeting of 23 May 2024. Other terms, the election date of the 7th term and the audit "
        "committee (Komisja Rewizyjna) were not found.",
    )
    reg.edge(
        RelType.MEMBER_OF,
        BOARD,
        STG,
        [history, gm50],
        role="board (management body)",
        valid_from="1998-03-09",
        note="The association's board; the first was registered by the court on 9 Mar 1998.",
    )
    # (gmina, role, note) per term; the gmina is the body the office holder represents
    terms: list[tuple[str, str, str, str | None, list[str], list[tuple[str, str, str]]]] = [
        (
            "1998",
            "1998-03-09",
            "ended",
            None,
            [history, history_archive, resolution],
            [
                (
                    "teryt:2861011",
                    "chair of the board (first board)",
                    "Witold Gintowt-Dziewałtowski (Elbląg-miasto)",
                ),
                (
                    "teryt:2262011",
                    "vice-chair of the board (first board)",
                    "Maciej Brzeski (Gdynia)",
                ),
                (
                    "teryt:2210052",
                    "member of the board (first board)",
                    "Eugeniusz Wyrzykowski (Sztutowo)",
                ),
                (
                    "teryt:2804063",
                    "member of the board (first board)",
                    "Jadwiga Semmerling (Młynary)",
                ),
                (
                    "teryt:2201032",
                    "member of the board (first board)",
                    "Jan Klasa (Czarna Dąbrówka)",
                ),
                (
                    "teryt:2261011",
                    "member of the board (first board)",
                    "member from Gdańsk; name garbled in the stored copy",
                ),
                (
                    "teryt:2801021",
                    "member of the board (first board)",
                    "Andrzej Helbrecht (Górowo Iławeckie – miasto)",
                ),
            ],
        ),
        (
            "2013",
            "2013",
            "ended",
            None,
            [wzd2013],
            [
                (
                    "teryt:2861011",
                    "chair of the board (elected at the XXIX General Meeting, 2013)",
                    "Jerzy Wilk, Prezydent Elbląga",
                ),
            ],
        ),
        (
            "2015",
            "2015",
            "ended",
            None,
            [wzd2015, resolution],
            [
                (
                    "teryt:2861011",
                    "chair of the board (elected at the XXXII General Meeting, 2015)",
                    "Witold Wróblewski, Prezydent Elbląga",
                ),
                (
                    "teryt:2262011",
                    "1st vice-chair of the board (2015)",
                    "Joanna Zielińska, Wiceprzewodnicząca Rady Miasta Gdynia",
                ),
                (
                    "teryt:2261011",
                    "2nd vice-chair of the board (2015)",
                    "Andrzej Bojanowski, Zastępca Prezydenta Gdańska",
                ),
                (
                    "teryt:2862011",
                    "member of the board (2015)",
                    "Piotr Grzymowicz, Prezydent Olsztyna",
                ),
                (
                    "teryt:2801052",
                    "member of the board (2015)",
                    "Bożena Olszewska-Świtaj, Wójt Górowa Iławeckiego",
                ),
                (
                    "teryt:2204062",
                    "member of the board (2015)",
                    "Hanna Brejwo, Wójt Gminy Pszczółki",
                ),
                (
                    "teryt:2212011",
                    "member of the board (2015)",
                    "Włodziemierz Siudek, reprezentant Miasta Ustka",
                ),
                (
                    "teryt:2808011",
                    "member of the board (2015)",
                    "Krzysztof Hećman, Burmistrz Kętrzyna",
                ),
                (
                    "teryt:2802011",
                    "member of the board (2015)",
                    "Winicjusz Sokół, Zastępca Burmistrza Braniewa",
                ),
            ],
        ),
        (
            "2018-2024",
            "",
            "ended",
            "2024-05-22",
            [z0203, z2403, gm50_date, resolution],
            [
                (
                    "teryt:2861011",
                    "chair of the board (7th term, 2018-2024)",
                    "Witold Wróblewski, Prezydent Elbląga (meetings of 3 Feb and 24 Mar 2023)",
                ),
                (
                    "teryt:2862011",
                    "1st vice-chair of the board (7th term, as of 2023-02-03)",
                    "Piotr Grzymowicz, Prezydent Olsztyna",
                ),
                (
                    "teryt:2262011",
                    "vice-chair of the board (7th term; 2nd on 2023-02-03, 1st on 2023-03-24)",
                    "Joanna Zielińska, Przewodnicząca Rady Miasta Gdyni",
                ),
                (
                    "teryt:2801052",
                    "member of the board (7th term)",
                    "Bożena Olszewska-Świtaj, Wójt Górowa Iławeckiego",
                ),
                (
                    "teryt:2261011",
                    "member of the board (7th term)",
                    "Piotr Borawski, Zastępca Prezydenta Miasta Gdańska",
                ),
                (
                    "teryt:2811043",
                    "member of the board (7th term)",
                    "Jacek Kosmala, Burmistrz Nidzicy",
                ),
                (
                    "teryt:2209011",
                    "member of the board (7th term)",
                    "Marek Charzewski, Burmistrz Malborka",
                ),
                (
                    "teryt:2802011",
                    "member of the board (7th term, elected Dec 2022)",
                    "Tomasz Sielicki, Burmistrz Braniewa",
                ),
            ],
        ),
        (
            "2024",
            "2024-05-23",
            "active",
            None,
            [gm50, gm50_date, *sources["elblag_net"]],
            [
                (
                    "teryt:2861011",
                    "chair of the board (8th term)",
                    "Michał Missan, Mayor of Elbląg",
                ),
                (
                    "teryt:2262011",
                    "1st vice-chair of the board (8th term)",
                    "Joanna Zielińska, City of Gdynia",
                ),
                (
                    "teryt:2802011",
                    "2nd vice-chair of the board (8th term)",
                    "Tomasz Sielicki, Mayor of the City of Braniewo",
                ),
                (
                    "teryt:2862011",
                    "member of the board (8th term)",
                    "Robert Szewczyk, Mayor of the City of Olsztyn",
                ),
                (
                    "teryt:2261011",
                    "member of the board (8th term)",
                    "Piotr Borawski, Vice-Mayor of the City of Gdańsk",
                ),
                (
                    "teryt:2211031",
                    "member of the board (8th term)",
                    "Hanna Pruchniewska, Mayor of the City of Puck",
                ),
                (
                    "teryt:2814112",
                    "member of the board (8th term)",
                    "Michał Kontraktowicz, Head of the Municipality of Stawiguda",
                ),
                (
                    "teryt:2209011",
                    "member of the board (8th term)",
                    "Marek Charzewski, Mayor of Malbork",
                ),
                (
                    "teryt:2811043",
                    "member of the board (8th term)",
                    "Jacek Kosmala, Mayor of Nidzica",
                ),
            ],
        ),
    ]
    for key, since, status, until, srcs, seats in terms:
        for uid, role, holder in seats:
            start = since
            if uid == "teryt:2802011" and key == "2018-2024":
                start = "2022-12"
            end_note = (
                ""
                if status == "active"
                else " End of this term not found."
                if until is None
                else " Seat until the 8th-term board was appointed on 2024-05-23."
            )
            reg.edge(
                RelType.MEMBER_OF,
                uid,
                BOARD,
                srcs,
                key=key,
                role=role,
                status=status,
                valid_from=start or None,
                valid_to=until,
                note=f"Office holder as published: {holder}.{end_note}",
            )

    # --- ERB bodies the association sits in ----------------------------------------------
    reg.edge(
        RelType.MEMBER_OF,
        STG,
        "network:erb-youth-board",
        [youth],
        role="appoints representatives",
        valid_from="2023",
        note="Representatives of the association in the Youth Council of the Euroregion "
        "Baltic were appointed by resolution of the XLIX General Meeting (page of about "
        "Dec 2023).",
    )
    tf = reg.node(
        NodeLabel.NETWORK,
        "network:erb-task-force-climate-change-green-transition",
        "ERB Task Force for Climate Change and Green Transition",
        [climate, exec_board],
        name_en="ERB Task Force for Climate Change and Green Transition",
        kind="task force (temporary)",
        valid_from="2023-08",
        valid_to="2024-06",
        note="Experts appointed by the ERB member organisations; mapping of renewable energy. "
        "'The Task Force has a time frame from August 2023 until June 2024.' Named with the "
        "Water Group and the Transport Group among the task forces operating within the ERB "
        "(Executive Board, 26-27 Sep 2023). The association's own participation is not stated.",
    )
    reg.edge(
        RelType.MEMBER_OF,
        tf,
        "network:euroregion-baltic",
        [climate],
        role="body of the ERB",
        valid_from="2023-08",
        valid_to="2024-06",
    )
    tg = reg.node(
        NodeLabel.NETWORK,
        "network:erb-transport-group",
        "ERB Transport Group",
        [exec_board],
        name_en="ERB Transport Group",
        kind="working group",
        note="Named among the task forces operating within the ERB at the Executive Board of "
        "26-27 Sep 2023; members and dates not found.",
    )
    reg.edge(RelType.MEMBER_OF, tg, "network:euroregion-baltic", [exec_board], role="body of "
             "the ERB")  # fmt: skip
    reg.node(
        NodeLabel.NETWORK,
        "network:stg-erb-sieci-strategiczne",
        "Sieci strategiczne gmin członkowskich Stowarzyszenia Gmin RP Euroregion Bałtyk",
        [stg_page_en],
        note="The about pages name one: 'the informal network of the Baltic Euroregion'.",
    )
