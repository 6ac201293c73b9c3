"""The association page (/association) and its CSV, without a browser."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from partnergraph.graph.store import GraphStore
from partnergraph.queries.association import ASSOCIATION
from partnergraph.queries.membership import members_on
from partnergraph.settings import Settings
from partnergraph.viz.i18n import TEXT
from partnergraph.viz.site import build_site

_FETCHED = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)""")

#: The 11 member gminy confirmed in 2023-2024 (data/edges/member_of.csv, checked by hand).
CURRENT = [
    "teryt:2209011",  # Malbork
    "teryt:2211031",  # Puck
    "teryt:2261011",  # Gdańsk
    "teryt:2262011",  # Gdynia
    "teryt:2801052",  # Górowo Iławeckie (gmina wiejska)
    "teryt:2802011",  # Braniewo (miasto)
    "teryt:2804032",  # Gronowo Elbląskie
    "teryt:2811043",  # Nidzica
    "teryt:2814112",  # Stawiguda
    "teryt:2861011",  # Elbląg
    "teryt:2862011",  # Olsztyn
]


@pytest.fixture(scope="module")
def client(site_store: GraphStore) -> Iterator[TestClient]:
    from partnergraph.web import create_app

    with TestClient(create_app(Settings(store="memory"), store=site_store)) as test_client:
        yield test_client


def _selected(html: str) -> str:
    """The variant shown for the chosen year."""
    shown = [m.start() for m in re.finditer(r'data-variant-of="assoc" data-variant="\d+">', html)]
    assert shown, "no visible variant"
    start = shown[0]
    end = html.find('data-variant-of="assoc"', start + 10)
    return html[start : end if end > 0 else len(html)]


def _table(html: str, table_id: str) -> str:
    start = html.index(f'id="{table_id}"')
    return html[start : html.index("</table>", start)]


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_page_renders_and_loads_nothing_from_elsewhere(client: TestClient, lang: str) -> None:
    response = client.get(f"/association?lang={lang}&at=2024")
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in response.text
    without_anchors = re.sub(r"<a\b[^>]*>", "", response.text)
    for a, b in _FETCHED.findall(without_anchors):
        assert not re.match(r"^(https?:)?//", a or b)
    assert "assocnet-" in response.text  # the network picture
    assert 'class="sources"' in response.text


def test_member_count_shown_is_the_count_for_the_day(
    client: TestClient, site_store: GraphStore
) -> None:
    html = _selected(client.get("/association?at=2024").text)
    active = list(members_on(site_store, ASSOCIATION, dt.date(2024, 12, 31)))
    assert len([m for m in active if m.status == "active"]) == len(CURRENT) == 11
    members = _table(html, re.search(r'id="(members-\d+)"', html).group(1))  # type: ignore[union-attr]
    assert re.findall(r'data-uid="([^"]+)"', members) == CURRENT
    assert re.search(r'data-confirmed="11"', html)
    assert "Dane potwierdzają 11 z 41 gmin członkowskich" in html
    assert "teryt:2262011" in members
    assert "teryt:2802011" in members


def test_founders_are_not_confirmed_since_and_ostroda_left(client: TestClient) -> None:
    html = _selected(client.get("/association?at=2024").text)
    members = _table(html, re.search(r'id="(members-\d+)"', html).group(1))  # type: ignore[union-attr]
    unconfirmed = _table(html, re.search(r'id="(unconfirmed-\d+)"', html).group(1))  # type: ignore[union-attr]
    left = _table(html, re.search(r'id="(left-\d+)"', html).group(1))  # type: ignore[union-attr]
    assert "teryt:2203052" in unconfirmed  # Koczała, founder known only from 1997
    assert "niepotwierdzone od 1997-12-22" in unconfirmed
    assert "teryt:2203052" not in members
    assert "teryt:2815092" in left
    assert "teryt:2815092" not in members


def test_polish_members_table_has_no_english_status_words(client: TestClient) -> None:
    html = _selected(client.get("/association?at=2024").text)
    members = _table(html, re.search(r'id="(members-\d+)"', html).group(1))  # type: ignore[union-attr]
    cells = re.sub(
        r"<[^>]+>", " ", re.sub(r'\s(?:class|id|data-[a-z]+|href|title)="[^"]*"', "", members)
    )
    cells = re.sub(r"\[[^\]]*\]", " ", cells)  # source ids are ids, not words
    words = set(re.findall(r"[A-Za-ząćęłńóśźżĄĆĘŁŃÓŚŹŻ-]+", cells))
    english = {TEXT[k][1] for k in ("status_active", "status_suspended", "status_ended")}
    english |= {"member", "active", "not confirmed", "ended"}
    assert not words & english, words & english
    assert "aktywny" in words
    assert "członek" in words


def test_english_page_is_english(client: TestClient) -> None:
    html = client.get("/association?lang=en&at=2024").text
    assert "The data confirms 11 of the 41 member gminy" in html
    assert "not confirmed since 1997-12-22" in html


def test_csv_download_has_the_members_and_no_formula_cells(client: TestClient) -> None:
    response = client.get("/association.csv?lang=pl&at=2024")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Nazwa", "TERYT"]
    assert sorted(f"teryt:{row[1]}" for row in rows[1:]) == CURRENT
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    english = client.get("/association.csv?lang=en").content.decode("utf-8-sig")
    assert english.startswith("Name,TERYT")


def test_static_site_writes_the_page_and_its_csv(site_store: GraphStore, tmp_path: Path) -> None:
    build_site(site_store, tmp_path, only=[ASSOCIATION])
    page = (tmp_path / "association.html").read_text(encoding="utf-8")
    assert 'href="./association.csv"' in page or 'href="association.csv"' in page
    assert (tmp_path / "association.csv").read_text(encoding="utf-8").startswith("Nazwa,")
    assert (tmp_path / "en" / "association.csv").is_file()
    assert (tmp_path / "en" / "association.html").is_file()
