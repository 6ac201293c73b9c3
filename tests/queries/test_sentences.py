"""Hop explanations: Polish and English, present and past, dates as people write them."""

from __future__ import annotations

import datetime as dt

import pytest

from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.queries.answers import Lang
from partnergraph.queries.sentences import edge_sentence, span, when

REF = dt.date(2024, 1, 1)
GMINA = Node(uid="teryt:2814112", label=NodeLabel.MUNICIPALITY, name="Stawiguda")
ASSOCIATION = Node(
    uid="org:stowarzyszenie-gmin-rp-euroregion-baltyk",
    label=NodeLabel.ORGANISATION,
    name="Stowarzyszenie Gmin RP Euroregion Bałtyk",
)
NETWORK = Node(
    uid="network:euroregion-baltic",
    label=NodeLabel.NETWORK,
    name="Euroregion Bałtyk",
    name_en="Euroregion Baltic",
)
PROJECT = Node(
    uid="project:sb:moment",
    label=NodeLabel.PROJECT,
    name="MOMENT",
    valid_from="2009-08-31",
    valid_to="2013-06-29",
)
TOWN = Node(
    uid="town:SE:kalmar",
    label=NodeLabel.MUNICIPALITY,
    name="Kalmar",
    properties={"gmina_type": "foreign"},
)


def member(start: str | None, end: str | None, status: str = "active") -> Edge:
    return Edge(
        type=RelType.MEMBER_OF,
        source=GMINA.uid,
        target=ASSOCIATION.uid,
        valid_from=start,
        valid_to=end,
        properties={"status": status},
    )


@pytest.mark.parametrize(
    ("lang", "start", "end", "expected"),
    [
        (
            "pl",
            "2023-01-01",
            None,
            "Stawiguda jest członkiem organizacji „Stowarzyszenie Gmin RP Euroregion Bałtyk” "
            "od 2023 r.",
        ),
        (
            "en",
            "2023-01-01",
            None,
            "Stawiguda has been a member of Stowarzyszenie Gmin RP Euroregion Bałtyk since 2023.",
        ),
        (
            "pl",
            "1999-01-01",
            "2012-12-31",
            "Stawiguda — członek organizacji „Stowarzyszenie Gmin RP Euroregion Bałtyk” "
            "w latach 1999–2012.",
        ),
        (
            "en",
            "1999-01-01",
            "2012-12-31",
            "Stawiguda was a member of Stowarzyszenie Gmin RP Euroregion Bałtyk from 1999 to 2012.",
        ),
        (
            "pl",
            None,
            None,
            "Stawiguda jest członkiem organizacji „Stowarzyszenie Gmin RP Euroregion Bałtyk”.",
        ),
    ],
)
def test_membership_sentences(
    lang: Lang, start: str | None, end: str | None, expected: str
) -> None:
    assert edge_sentence(member(start, end), GMINA, ASSOCIATION, lang, ref=REF) == expected


def test_a_suspended_membership_says_so() -> None:
    edge = member("2002-01-01", None, status="suspended")
    assert edge_sentence(edge, GMINA, ASSOCIATION, "pl", ref=REF).endswith(
        "od 2002 r. (członkostwo zawieszone)."
    )


def test_participation_takes_the_projects_dates_and_programme() -> None:
    edge = Edge(
        type=RelType.PARTICIPATES_IN,
        source=GMINA.uid,
        target=PROJECT.uid,
        properties={"role": "lead"},
    )
    assert edge_sentence(edge, GMINA, PROJECT, "pl", ref=REF, programme="Południowy Bałtyk") == (
        "Stawiguda — partner wiodący projektu „MOMENT” (31.08.2009–29.06.2013; "
        "program „Południowy Bałtyk”)."
    )
    assert edge_sentence(edge, GMINA, PROJECT, "en", ref=dt.date(2010, 1, 1)) == (
        "Stawiguda is lead partner in project MOMENT (2009-08-31–2013-06-29)."
    )


@pytest.mark.parametrize(
    ("signed", "pl", "en"),
    [
        ("2001", "(podpisane 2001)", "(signed 2001)"),
        ("2001-01", "(podpisane 01.2001)", "(signed 2001-01)"),
        ("2001-02-08", "(podpisane 08.02.2001)", "(signed 2001-02-08)"),
    ],
)
def test_signing_dates_keep_the_precision_they_were_written_with(
    signed: str, pl: str, en: str
) -> None:
    agreement = Node(
        uid="agreement:a", label=NodeLabel.AGREEMENT, name="A", properties={"signed": signed}
    )
    edge = Edge(type=RelType.SIGNED_BY, source=agreement.uid, target=GMINA.uid)
    assert edge_sentence(edge, agreement, GMINA, "pl", ref=REF).endswith(f"„A” {pl}.")
    assert edge_sentence(edge, agreement, GMINA, "en", ref=REF).endswith(f"A {en}.")


def test_a_foreign_town_is_a_town_not_a_gmina_in_polish() -> None:
    edge = Edge(type=RelType.PART_OF, source=GMINA.uid, target=TOWN.uid)
    assert edge_sentence(edge, GMINA, TOWN, "pl", ref=REF) == (
        "Stawiguda jest częścią miasta „Kalmar”."
    )


def test_twinning_is_told_from_both_sides() -> None:
    edge = Edge(
        type=RelType.TWINNED_WITH, source=GMINA.uid, target=TOWN.uid, valid_from="2015-01-01"
    )
    assert edge_sentence(edge, GMINA, TOWN, "pl", ref=REF) == (
        "Stawiguda i Kalmar są miastami partnerskimi (od 2015 r.)."
    )
    assert edge_sentence(edge, GMINA, TOWN, "en", ref=REF) == (
        "Stawiguda and Kalmar are twin towns (since 2015)."
    )


def test_names_are_taken_in_the_requested_language() -> None:
    edge = Edge(type=RelType.MEMBER_OF, source=GMINA.uid, target=NETWORK.uid)
    assert edge_sentence(edge, GMINA, NETWORK, "en", ref=REF) == (
        "Stawiguda is a member of Euroregion Baltic."
    )


@pytest.mark.parametrize(
    ("start", "end", "pl", "en"),
    [
        ("2009-01-01", "2013-12-31", "w latach 2009–2013", "from 2009 to 2013"),
        ("2013-01-01", "2013-12-31", "w 2013 r.", "in 2013"),
        (None, "2012-12-31", "do 2012 r.", "until 2012"),
        ("1998-02-22", None, "od 22.02.1998 r.", "since 1998-02-22"),
        (
            "1998-02-22",
            "2001-05-31",
            "od 22.02.1998 r. do 31.05.2001 r.",
            "from 1998-02-22 to 2001-05-31",
        ),
        (None, None, "", ""),
    ],
)
def test_periods_read_naturally(start: str | None, end: str | None, pl: str, en: str) -> None:
    assert (when(start, end, "pl"), when(start, end, "en")) == (pl, en)


def test_spans_for_parentheses_are_compact() -> None:
    assert span("2009-01-01", "2013-12-31", "pl") == "2009–2013"
    assert span("2023-01-01", None, "pl") == "od 2023 r."
