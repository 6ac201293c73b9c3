"""Forgiving search (issue 16, part 5) on the bundled data, with hand-worked expectations.

* Words that mean nothing on their own ("of", "the", "w" …) neither have to match nor block a
  match: the association's English name is "Association of Polish Communes Euroregion
  Baltic", so "Communes of Euroregion Baltic" holds all its meaningful words at word starts.
* Invisible characters (category Cf and the other default-ignorable ones) are dropped.
* Gminy of one name carry their type and powiat: teryt:2861011 is the town of Elbląg (urban,
  its own city county teryt:2861), teryt:2804012 the rural gmina around it (powiat elbląski,
  teryt:2804); the same for Człuchów (2203011 urban / 2203032 rural) and Chojnice.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from partnergraph.cli import app
from partnergraph.errors import QueryError
from partnergraph.graph.store import GraphStore
from partnergraph.model import NodeLabel
from partnergraph.queries.search import STOPWORDS, is_invisible, only_stopwords, search
from partnergraph.settings import Settings
from partnergraph.stores import open_store
from partnergraph.web import create_app

ASSOCIATION = "org:stowarzyszenie-gmin-rp-euroregion-baltyk"
GDANSK = "teryt:2261011"
ELBLAG_TOWN = "teryt:2861011"
ELBLAG_RURAL = "teryt:2804012"


@pytest.fixture(scope="module")
def bundled() -> GraphStore:
    # The curated data: the keep.eu layer adds keep.eu's own spelling "Association of Polish
    # Communes of Euroregion Baltic" as an alias, which would match word for word.
    return open_store(Settings(store="memory", layers=False))


def uids(store: GraphStore, text: str, **kwargs: object) -> list[str]:
    return [hit.node.uid for hit in search(store, text, **kwargs).results]  # type: ignore[arg-type]


# -- words that carry no meaning ---------------------------------------------------------------


def test_an_english_phrase_with_of_finds_the_association(bundled: GraphStore) -> None:
    answer = search(bundled, "Communes of Euroregion Baltic", lang="en")
    first = answer.results[0]
    assert first.node.uid == ASSOCIATION
    assert first.matched == "Association of Polish Communes Euroregion Baltic"
    assert first.score == 50  # every meaningful word at a word start, not the phrase itself
    # without "of" the words are the same, so the answer is the same
    assert uids(bundled, "Communes Euroregion Baltic", lang="en") == [
        hit.node.uid for hit in answer.results
    ]


def test_the_words_may_come_in_any_order_and_with_other_stopwords(bundled: GraphStore) -> None:
    assert uids(bundled, "Baltic Euroregion communes")[0] == ASSOCIATION
    assert uids(bundled, "the Communes of the Euroregion Baltic")[0] == ASSOCIATION
    # Polish: "Stowarzyszenie Gmin RP Euroregion Bałtyk", the "w" of a user's phrasing ignored
    assert uids(bundled, "stowarzyszenie gmin w euroregion baltyk")[0] == ASSOCIATION


def test_a_stopword_before_an_exact_name_still_ranks_it_first(bundled: GraphStore) -> None:
    answer = search(bundled, "the Gdańsk")
    assert answer.results[0].node.uid == GDANSK
    assert answer.results[0].score == 90  # the same meaningful words as the name


def test_every_meaningful_word_must_be_there(bundled: GraphStore) -> None:
    assert ASSOCIATION not in uids(bundled, "Communes of Euroregion Atlantic")


@pytest.mark.parametrize("text", ["of the", "OF  THE", "i w z na", "der och", "the"])
def test_a_text_of_stopwords_only_is_refused(bundled: GraphStore, text: str) -> None:
    assert only_stopwords(text)
    with pytest.raises(QueryError, match="only words that mean nothing on their own"):
        search(bundled, text)


def test_the_stopword_list_is_short_and_folded() -> None:
    assert {"of", "the", "and", "w", "i", "z", "na", "der", "och"} <= STOPWORDS
    assert len(STOPWORDS) < 50
    assert all(word == word.lower() and word.isascii() for word in STOPWORDS)


def test_a_single_meaningful_word_searches_as_before(bundled: GraphStore) -> None:
    answer = search(bundled, "elbl")
    assert {ELBLAG_TOWN, ELBLAG_RURAL} <= {hit.node.uid for hit in answer.results}
    assert not only_stopwords("elbl")


# -- invisible characters ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "mark",
    [
        "\u200b",  # zero-width space (already stripped before)
        "\u00ad",  # soft hyphen (already stripped before)
        "\u200e",  # left-to-right mark (Cf)
        "\u202c",  # pop directional formatting (Cf)
        "\u2066",  # left-to-right isolate (Cf)
        "\u2062",  # invisible times (Cf)
        "\U000e0041",  # tag latin capital letter A (Cf)
        "\u034f",  # combining grapheme joiner (not Cf, default-ignorable)
        "\ufe0f",  # variation selector-16 (not Cf)
    ],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_an_invisible_character_inside_a_word_still_finds_gdansk(
    bundled: GraphStore, mark: str
) -> None:
    assert is_invisible(mark)
    answer = search(bundled, f"Gda{mark}ńsk")
    assert answer.results[0].node.uid == GDANSK
    assert answer.results[0].score == 100
    assert mark not in answer.query


def test_visible_characters_are_not_invisible() -> None:
    assert not any(is_invisible(char) for char in "Gdańsk Łódź -–—„”' \u00a0")


# -- same-name results say what tells them apart ----------------------------------------------


def test_the_two_elblag_gminy_carry_their_type_and_powiat_in_polish(
    bundled: GraphStore,
) -> None:
    hits = {hit.node.uid: hit for hit in search(bundled, "Elbląg").results}
    assert hits[ELBLAG_TOWN].display_name == hits[ELBLAG_RURAL].display_name == "Elbląg"
    assert hits[ELBLAG_TOWN].detail == "gmina miejska, miasto na prawach powiatu Elbląg"
    assert hits[ELBLAG_RURAL].detail == "gmina wiejska, powiat elbląski"


def test_the_two_elblag_gminy_carry_their_type_and_powiat_in_english(
    bundled: GraphStore,
) -> None:
    hits = {hit.node.uid: hit for hit in search(bundled, "Elblag", lang="en").results}
    assert hits[ELBLAG_TOWN].detail == "urban gmina, city with powiat rights Elbląg"
    assert hits[ELBLAG_RURAL].detail == "rural gmina, powiat elbląski"


def test_other_gminy_of_one_name_differ_too(bundled: GraphStore) -> None:
    for name in ("Człuchów", "Chojnice"):
        gminy = [h for h in search(bundled, name).results if h.display_name == name]
        assert len(gminy) == 2, name
        assert len({hit.detail for hit in gminy}) == 2, name
        assert {str(hit.detail).split(",")[0] for hit in gminy} == {
            "gmina miejska",
            "gmina wiejska",
        }


def test_only_gminy_have_a_detail(bundled: GraphStore) -> None:
    hits = search(bundled, "Elbląg", limit=50).results
    assert {hit.node.uid for hit in hits if hit.detail} == {ELBLAG_TOWN, ELBLAG_RURAL}
    assert all(hit.detail is None for hit in hits if hit.node.label != NodeLabel.MUNICIPALITY)


def test_the_cli_table_and_json_show_the_detail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTNERGRAPH_STORE", "memory")
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    table = runner.invoke(app, ["search", "Elbląg", "--label", "Municipality", "--lang", "en"])
    assert table.exit_code == 0, table.output
    assert "rural gmina, powiat elbląski" in " ".join(table.output.split())
    as_json = runner.invoke(app, ["search", "Elbląg", "--json", "--label", "Municipality"])
    assert as_json.exit_code == 0, as_json.output
    assert "gmina wiejska, powiat elbląski" in as_json.output
    refused = runner.invoke(app, ["search", "of the"])
    assert refused.exit_code == 1
    assert "only words that mean nothing on their own" in refused.output


def test_the_api_answer_carries_the_detail_and_refuses_stopwords(tmp_path: Path) -> None:
    settings = Settings(store="memory", home=tmp_path / "home")
    with TestClient(create_app(settings)) as client:
        body = client.get("/v1/search", params={"q": "elblag", "lang": "en"}).json()
        details = {hit["node"]["uid"]: hit["detail"] for hit in body["results"]}
        assert details[ELBLAG_RURAL] == "rural gmina, powiat elbląski"
        assert details[ELBLAG_TOWN] == "urban gmina, city with powiat rights Elbląg"
        assert details["org:elblag-europa-association"] is None
        found = client.get("/v1/search", params={"q": "Communes of Euroregion Baltic"}).json()
        assert found["results"][0]["node"]["uid"] == ASSOCIATION
        refused = client.get("/v1/search", params={"q": "of the"})
        assert refused.status_code == 400
        assert refused.json()["error"]["code"] == "bad_query"


def test_the_website_shows_the_detail_beside_the_name(tmp_path: Path) -> None:
    settings = Settings(store="memory", home=tmp_path / "home")
    with TestClient(create_app(settings)) as client:
        page = client.get("/", params={"q": "Elbląg", "lang": "en"}).text
        assert 'Elbląg</a> <span class="hit-detail"' in page
        assert "— rural gmina, powiat elbląski" in page
        refused = client.get("/", params={"q": "of the"})
        assert refused.status_code == 200
        assert "same niczego nie wyszukują" in refused.text


def test_the_search_box_suggestions_tell_the_two_elblag_gminy_apart(bundled: GraphStore) -> None:
    with TestClient(create_app(Settings(store="memory"), store=bundled)) as client:
        hits = client.get("/site/suggest", params={"q": "elblag"}).json()
    labels = {hit["uid"]: hit["label"] for hit in hits}
    assert labels["teryt:2804012"] == "Gmina · gmina wiejska, powiat elbląski"
    assert labels["teryt:2861011"] == "Gmina · gmina miejska, miasto na prawach powiatu Elbląg"
