"""Folding for search, uid rules and cell parsers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnergraph.ingest.values import ValueProblem, parse_date, period_end, period_start
from partnergraph.model import NodeLabel, active_at, uid_problem
from partnergraph.text import fold, slugify


@pytest.mark.parametrize("text", ["Elblag", "elbląg", "ELBLĄG", "  Elbląg "])
def test_spellings_of_elblag_fold_to_one_key(text: str) -> None:
    assert fold(text) == "elblag"


def test_polish_l_with_stroke_is_folded() -> None:
    assert fold("Łódź, Żółć") == "lodz, zolc"


def test_slugify_makes_uid_parts() -> None:
    assert (
        slugify("Stowarzyszenie Gmin RP Euroregion Bałtyk")
        == "stowarzyszenie-gmin-rp-euroregion-baltyk"
    )


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize(
    ("label", "uid"),
    [
        (NodeLabel.MUNICIPALITY, "teryt:2261011"),
        (NodeLabel.MUNICIPALITY, "town:SE:kalmar"),
        (NodeLabel.COUNTY, "teryt:2261"),
        (NodeLabel.REGION, "nuts:SE213"),
        (NodeLabel.REGION, "iso:RU-KGD"),
        (NodeLabel.COUNTRY, "country:PL"),
        (NodeLabel.PRIORITY, "priority:pomorskie-priorytety-2008:13"),
        (NodeLabel.PRIORITY, "priority:interreg-south-baltic-2014-2020:2.1"),
        (NodeLabel.PROJECT, "project:interreg-south-baltic-2007-2013:moment"),
    ],
)
def test_well_formed_uids_pass(label: NodeLabel, uid: str) -> None:
    assert uid_problem(label, uid) is None


@pytest.mark.parametrize(
    ("label", "uid"),
    [
        (NodeLabel.MUNICIPALITY, "teryt:2261014"),  # R = 4 is a town part, not a gmina
        (NodeLabel.MUNICIPALITY, "teryt:226101"),
        (NodeLabel.COUNTY, "teryt:22"),
        (NodeLabel.REGION, "nuts:pl63"),
        (NodeLabel.COUNTRY, "country:POL"),
        (NodeLabel.ORGANISATION, "org:Gdańsk"),
        (NodeLabel.ORGANISATION, "network:erb"),
    ],
)
def test_malformed_uids_are_explained(label: NodeLabel, uid: str) -> None:
    problem = uid_problem(label, uid)
    assert problem is not None
    assert label.value in problem


def test_partial_dates_expand_to_period_bounds() -> None:
    assert period_start("2001") == "2001-01-01"
    assert period_end("2001") == "2001-12-31"
    assert period_end("2024-02") == "2024-02-29"
    assert period_end("2023-02") == "2023-02-28"


@pytest.mark.parametrize("text", ["2021-02-29", "99", "2021-00", "2021/03/01", ""])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueProblem):
        parse_date(text)


def test_active_at_treats_open_ends_as_open() -> None:
    day = dt.date(2022, 3, 2)
    assert active_at(None, None, day)
    assert active_at("2022-03-02", None, day)
    assert not active_at("2022-03-03", None, day)
    assert active_at(None, "2022-03-02", day)
    assert not active_at(None, "2022-03-01", day)
    assert active_at("2030-01-01", "2030-12-31", None)
