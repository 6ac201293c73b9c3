"""The region page (/region/{uid}), its CSV and the programme page, without a browser.

The counts are the hand counts of tests/conformance/test_region_activity.py on the curated
data (``data/`` without its keep.eu layer): Pomorskie has 5 projects, 5 partner rows and 4
partners; South Baltic 2014–2020 alone 3, 3 and 3. With the layer, the hand count of the
export is checked in tests/conformance/test_keep_layer.py.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from partnergraph.graph.store import GraphStore
from partnergraph.settings import Settings
from partnergraph.stores import open_store
from partnergraph.viz.site import build_site

_FETCHED = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)""")
SB1420 = "programme:interreg-south-baltic-2014-2020"


@pytest.fixture(scope="module")
def curated() -> GraphStore:
    return open_store(Settings(store="memory", layers=False))


@pytest.fixture(scope="module")
def client(curated: GraphStore) -> Iterator[TestClient]:
    from partnergraph.web import create_app

    settings = Settings(store="memory", layers=False)
    with TestClient(create_app(settings, store=curated)) as test_client:
        yield test_client


def _totals(html: str) -> tuple[int, int, int]:
    found = [
        re.search(rf'id="total-{name}">(\d+)<', html) for name in ("projects", "rows", "partners")
    ]
    assert all(found), "totals missing"
    return tuple(int(m.group(1)) for m in found if m)  # type: ignore[return-value]


def _table(html: str, table_id: str) -> str:
    start = html.index(f'id="{table_id}"')
    return html[start : html.index("</table>", start)]


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_pomorskie_renders_its_hand_counted_totals_and_loads_nothing_from_elsewhere(
    client: TestClient, lang: str
) -> None:
    response = client.get(f"/region/nuts:PL63?lang={lang}")
    assert response.status_code == 200
    html = response.text
    assert f'<html lang="{lang}"' in html
    without_anchors = re.sub(r"<a\b[^>]*>", "", html)
    for a, b in _FETCHED.findall(without_anchors):
        assert not re.match(r"^(https?:)?//", a or b)
    assert _totals(html) == (5, 5, 4)
    assert re.findall(r'data-key="([^"]+)"', _table(html, "by-subregion")) == [
        "nuts:PL633",
        "nuts:PL63",
        "nuts:PL636",
    ]
    assert re.findall(r'data-key="([^"]+)"', _table(html, "by-year")) == [
        "2005",
        "2016",
        "2017",
        "2023",
    ]
    assert html.count('class="bar"') == 4  # one bar a year, drawn in the page
    assert 'aria-describedby="by-year"' in html  # the chart points at its table
    assert f"/programme/{SB1420}" in _table(html, "by-programme")
    assert "/priority/" in _table(html, "by-priority")
    assert len(re.findall(r"<tr data-uid=", _table(html, "projects"))) == 5
    assert 'class="sources"' in html
    assert 'class="notice coverage-note"' in html
    note = "The counts rest only on the sources" if lang == "en" else "Liczby opierają się"
    assert note in html


def test_english_country_names_come_from_the_country_nodes(client: TestClient) -> None:
    countries = _table(client.get("/region/nuts:PL63?lang=en").text, "by-country")
    assert "Sweden" in countries
    assert "Poland" in countries


def test_a_priority_row_names_its_programme(client: TestClient) -> None:
    # programmes share the EU's thematic wording: each priority row says whose it is
    html = client.get("/region/nuts:PL63?lang=en").text
    row = _table(html, "by-priority")
    assert 'data-key="priority:interreg-iiib-bsr-2000-2006:3"' in row
    assert re.search(r'class="muted framework">\([^<]*Baltic Sea Region[^<]*\)</span>', row)


def test_one_programme_narrows_the_totals(client: TestClient) -> None:
    html = client.get(f"/region/nuts:PL63?programme={SB1420}").text
    assert _totals(html) == (3, 3, 3)
    assert 'href="/region/nuts:PL63"' in html  # back to every programme


def test_a_period_narrows_the_totals(client: TestClient) -> None:
    html = client.get("/region/nuts:PL63?from=2019&to=2019-12-31").text
    assert _totals(html)[0] == 3  # CaSYPoT, INTERCONNECT, SB-YCGN ran in 2019


def test_csv_download_starts_with_the_totals(client: TestClient) -> None:
    response = client.get("/region/nuts:PL63.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["breakdown", "key", "name", "projects", "partner_rows", "partners"]
    assert rows[1] == ["totals", "nuts:PL63", "Pomorskie", "5", "5", "4"]
    assert rows[2][:2] == ["by_subregion", "nuts:PL633"]
    only = client.get(f"/region/nuts:PL63.csv?programme={SB1420}").content.decode("utf-8-sig")
    assert only.splitlines()[1] == "totals,nuts:PL63,Pomorskie,3,3,3"


@pytest.mark.parametrize(
    "url",
    [
        "/region/nuts:PL63?from=abc",
        "/region/nuts:PL63?to=2010-02-30",
        "/region/nuts:PL63.csv?from=x",
    ],
)
def test_a_bad_period_is_a_400_page(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/region/org:biser", 400),
        ("/region/nuts:XX9", 404),
        ("/region/nuts:PL63?programme=nuts:PL63", 400),
        ("/region/nuts:PL63?from=2020&to=2019", 400),
        ("/programme/nuts:PL63", 400),
        ("/region/org:biser.csv", 400),
    ],
)
def test_a_uid_that_is_no_region_is_an_html_error_not_a_500(
    client: TestClient, url: str, status: int
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_programme_page_lists_priorities_area_and_links_to_region_pages(
    client: TestClient, lang: str
) -> None:
    response = client.get(f"/programme/{SB1420}?lang={lang}")
    assert response.status_code == 200
    html = response.text
    priorities = _table(html, "priorities")
    assert "priority:interreg-south-baltic-2014-2020:pa1" in priorities
    assert len(re.findall(r"<tr data-uid=", priorities)) == 12
    area = _table(html, "area")
    assert len(re.findall(r"<tr data-uid=", area)) == 9
    suffix = "&amp;lang=en" if lang == "en" else ""
    assert (
        f'href="/region/nuts:PL633?programme=programme%3Ainterreg-south-baltic-2014-2020{suffix}"'
        in area
    )
    assert len(re.findall(r"<tr data-uid=", _table(html, "projects"))) == 5


def test_node_pages_link_to_region_and_programme_pages(client: TestClient) -> None:
    assert 'href="/region/nuts:PL63"' in client.get("/node/nuts:PL63").text
    assert f'href="/programme/{SB1420}"' in client.get(f"/node/{SB1420}").text
    assert "place-link" not in client.get("/node/org:biser").text


@pytest.mark.parametrize("url", ["/region/nuts:PL63", f"/programme/{SB1420}"])
def test_pages_run_no_inline_code_nor_inline_style(client: TestClient, url: str) -> None:
    html = client.get(url).text
    for attributes in re.findall(r"<script\b([^>]*)>", html):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html), "an inline event handler"


def test_static_site_writes_region_and_programme_pages_with_their_csv(
    curated: GraphStore, tmp_path: Path
) -> None:
    build_site(curated, tmp_path, only=["nuts:PL63"])
    region = tmp_path / "region" / "nuts_PL63.html"
    html = region.read_text(encoding="utf-8")
    assert _totals(html) == (5, 5, 4)
    assert 'href="../region/nuts_PL63.csv"' in html
    assert (
        (tmp_path / "region" / "nuts_PL63.csv").read_text(encoding="utf-8").startswith("breakdown,")
    )
    for name in (
        "nuts_PL62.html",
        "nuts_PL633.html",
        "nuts_PL633--programme_interreg-south-baltic-2014-2020.html",
    ):
        assert (tmp_path / "region" / name).is_file(), name
    assert (tmp_path / "en" / "region" / "nuts_PL63.html").is_file()
    programme = tmp_path / "programme" / "programme_interreg-south-baltic-2014-2020.html"
    assert (
        "../region/nuts_PL633--programme_interreg-south-baltic-2014-2020.html"
        in programme.read_text(encoding="utf-8")
    )
    node = (tmp_path / "node" / "nuts_PL63.html").read_text(encoding="utf-8")
    assert 'href="../region/nuts_PL63.html"' in node
    # every relative link of these pages leads to a file of the site
    for page in [*tmp_path.glob("region/*.html"), *tmp_path.glob("programme/*.html")]:
        for target in re.findall(r'href="(\.\./[^"#]+)"', page.read_text(encoding="utf-8")):
            if "/node/" in target or "/priority/" in target:
                continue  # a partial build: only nuts:PL63 has a node page
            assert (page.parent / target).resolve().is_file(), f"{page.name} → {target}"


def test_a_live_page_lists_its_projects_page_by_page_and_counts_them_all(
    client: TestClient, curated: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pomorskie's 5 projects, 2 per page: pages of 2, 2 and 1; a page past the end is the last
    monkeypatch.setattr("partnergraph.viz.pages.region.PROJECTS_PER_PAGE", 2)
    shown: list[str] = []
    for number in (1, 2, 3):
        html = client.get(f"/region/nuts:PL63?page={number}").text
        assert _totals(html) == (5, 5, 4)
        rows = re.findall(r'<tr data-uid="([^"]+)"', _table(html, "projects"))
        assert len(rows) == (1 if number == 3 else 2)
        shown.extend(rows)
        assert ('rel="prev"' in html) == (number > 1)
        assert (f'href="/region/nuts:PL63?page={number + 1}"' in html) == (number < 3)
        first = 2 * number - 1
        assert f"Pokazano projekty {first}–{first + len(rows) - 1} z 5" in html
    assert len(set(shown)) == 5
    assert shown[0] == "project:interreg-iiib-bsr-2000-2006:seagull-ii"  # the earliest
    past = client.get("/region/nuts:PL63?page=9&lang=en").text
    assert "Showing projects 5–5 of 5" in past
    # the period and the language travel with the page links
    html = client.get("/region/nuts:PL63?from=2000&to=2026&lang=en").text
    assert 'href="/region/nuts:PL63?from=2000&amp;to=2026&amp;page=2&amp;lang=en"' in html
    # a static page has no pages: every project is listed
    build_site(curated, tmp_path, only=["nuts:PL63"])
    html = (tmp_path / "region" / "nuts_PL63.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<tr data-uid=", _table(html, "projects"))) == 5
    assert "Pokazano projekty" not in html
