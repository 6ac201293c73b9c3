"""The website without a browser: routes, offline HTML, layouts, links, cut-offs, static build.

These run everywhere (no Chromium needed) and catch most regressions before the browser
tests do.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.queries.search import search
from partnergraph.settings import Settings
from partnergraph.viz import layout
from partnergraph.viz.links import Links, uid_file
from partnergraph.viz.netdata import (
    PHYSICS_MAX_NODES,
    json_for_script,
    network_view,
)
from partnergraph.viz.pixels import decode_png
from partnergraph.viz.site import build_site

# Any URL a page could fetch: src/href attributes and CSS url(...).
_FETCHED = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)""")


def _fetched_urls(html: str) -> list[str]:
    """URLs the page would load by itself (links a user follows are <a href>, excluded)."""
    without_anchors = re.sub(r"<a\b[^>]*>", "", html)
    return [a or b for a, b in _FETCHED.findall(without_anchors)]


@pytest.fixture(scope="module")
def client(site_store: GraphStore) -> Iterator[TestClient]:
    from partnergraph.web import create_app

    with TestClient(create_app(Settings(store="memory"), store=site_store)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def gdansk(site_store: GraphStore) -> str:
    return (
        search(site_store, "Gdańsk", labels=[NodeLabel.MUNICIPALITY], limit=1).results[0].node.uid
    )


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?q=elblag",
        "/erb",
        "/erb?at=2010",
        "/association",
        "/association?at=2015",
        "/priorities",
        "/gaps",
        "/clusters",
        "/path",
        "/region/nuts:PL63",
        "/region/nuts:PL63?programme=programme:interreg-south-baltic-2014-2020",
        "/programme/programme:interreg-south-baltic-2014-2020",
    ],
)
@pytest.mark.parametrize("lang", ["pl", "en"])
def test_pages_answer_html_that_loads_nothing_from_elsewhere(
    client: TestClient, path: str, lang: str
) -> None:
    url = path + ("&" if "?" in path else "?") + f"lang={lang}"
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}"' in response.text
    for fetched in _fetched_urls(response.text):
        assert not re.match(r"^(https?:)?//", fetched), f"{url} loads {fetched}"


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_load_nothing_from_elsewhere(client: TestClient, path: str) -> None:
    """Swagger UI and ReDoc, their CSS, favicon and fonts all come from the package."""
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    fetched = _fetched_urls(response.text)
    assert fetched
    for url in fetched:
        assert not re.match(r"^(https?:)?//", url), f"{path} loads {url}"
        assert client.get(url).status_code == 200, url
    assert "fonts.googleapis" not in response.text


def test_node_page_shows_facts_sources_and_its_network(client: TestClient, gdansk: str) -> None:
    html = client.get(f"/node/{gdansk}").text
    assert "<h1>Gdańsk</h1>" in html
    assert 'id="net-data"' in html
    assert 'class="sources"' in html
    assert 'id="rel-table"' in html


def test_unknown_node_is_a_404_page_not_json(client: TestClient) -> None:
    response = client.get("/node/teryt:0000000")
    assert response.status_code == 404
    assert "teryt:0000000" in response.text
    assert response.headers["content-type"].startswith("text/html")


def test_static_route_serves_the_shipped_assets_only(client: TestClient) -> None:
    vis = client.get("/static/vendor/vis-network/vis-network.min.js")
    assert vis.status_code == 200
    assert len(vis.content) > 500_000
    assert client.get("/static/vendor/vis-network/LICENSE-MIT").status_code == 200
    assert client.get("/static/../pages.py").status_code == 404
    assert client.get("/static/%2e%2e/pages.py").status_code == 404


def test_suggestions_find_polish_names_without_diacritics(client: TestClient) -> None:
    items = client.get("/site/suggest", params={"q": "GDANSK"}).json()
    assert items
    assert items[0]["name"] == "Gdańsk"
    assert items[0]["url"].startswith("/node/")


def test_embed_and_language_are_kept_in_links(client: TestClient, gdansk: str) -> None:
    html = client.get(f"/node/{gdansk}?lang=en&embed=1").text
    assert '<html lang="en" class="embed"' in html
    assert "embed=1" in html
    assert "lang=en" in html


def test_layout_is_deterministic_and_seeded() -> None:
    nodes = [f"n{i}" for i in range(200)]
    edges = [(f"n{i}", f"n{(i * 7 + 3) % 200}") for i in range(200)]
    layout.clear_cache()
    first = layout.layout(nodes, edges, seed=1)
    assert layout.layout(list(reversed(nodes)), edges, seed=1) == first
    assert layout.layout(nodes, edges, seed=2) != first
    centred = layout.layout(nodes, edges, seed=1, centre="n5")
    assert centred["n5"] == (0.0, 0.0)


def test_layout_is_cached_by_data_version() -> None:
    nodes, edges = ["a", "b", "c"], [("a", "b"), ("b", "c")]
    layout.clear_cache()
    first = layout.layout(nodes, edges, version="v1")
    assert layout.layout(nodes, edges, version="v1") is first
    assert layout.layout(nodes, edges, version="v2") is not first


def _star(count: int) -> tuple[list[Node], list[Edge]]:
    centre = Node(uid="network:hub", label=NodeLabel.NETWORK, name="Hub", sources=("s",))
    members = [
        Node(uid=f"org:m{i}", label=NodeLabel.ORGANISATION, name=f"M{i}", sources=("s",))
        for i in range(count)
    ]
    edges = [
        Edge(type=RelType.MEMBER_OF, source=m.uid, target=centre.uid, sources=("s",))
        for m in members
    ]
    return [centre, *members], edges


def test_big_views_have_physics_off_and_fixed_positions() -> None:
    nodes, edges = _star(PHYSICS_MAX_NODES + 50)
    view = network_view(nodes, edges, lang="pl", link=lambda n: None)
    assert view.options["physics"] == {"enabled": False}
    assert all("x" in n and "y" in n for n in view.nodes)
    small = network_view(*_star(10), lang="pl", link=lambda n: None)
    assert small.options["physics"]["enabled"] is True
    assert small.options["physics"]["stabilization"]["iterations"] <= 200


def test_a_crowded_neighbourhood_is_folded_into_summary_nodes_and_says_so() -> None:
    nodes, edges = _star(100)
    view = network_view(
        nodes, edges, lang="en", link=lambda n: None, centre="network:hub", per_type=40
    )
    assert len(view.nodes) == 1 + 40 + 1
    summary = [n for n in view.nodes if n["id"].startswith("summary:")]
    assert summary[0]["label"] == "+60 more"
    assert view.notice
    assert "41 of 101" in view.notice


def test_whole_graph_views_keep_the_best_connected_nodes_beyond_the_limit() -> None:
    nodes, edges = _star(30)
    view = network_view(nodes, edges, lang="en", link=lambda n: None, max_nodes=10)
    assert len(view.nodes) == 10
    assert "network:hub" in {n["id"] for n in view.nodes}
    assert view.notice
    assert "10 of 31" in view.notice


def test_script_json_cannot_close_its_script_element() -> None:
    text = json_for_script({"name": "</script><script>alert(1)</script>"})
    assert "</script>" not in text
    assert "<" not in text


def test_links_live_and_static() -> None:
    assert uid_file("priority:erb-2030:1.2") == "priority_erb-2030_1.2.html"
    live = Links(lang="en", embed=True)
    assert live.node("teryt:2261011") == "/node/teryt:2261011?lang=en&embed=1"
    static = Links(lang="en", mode="static", depth=2)
    assert static.node("teryt:2261011") == "../../en/node/teryt_2261011.html"
    assert static.switch_lang("node", "teryt:2261011") == "../../node/teryt_2261011.html"
    assert static.asset("site.css") == "../../static/site.css"
    assert Links(mode="static").home() == "./index.html"


def _png(width: int, height: int, pixels: list[list[tuple[int, int, int]]]) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    raw = b""
    previous = bytes(width * 3)
    for y, row in enumerate(pixels):
        line = bytes(v for px in row for v in px)
        if y % 2:  # "up" filter on odd rows, to exercise the decoder's filters
            raw += b"\x02" + bytes((a - b) & 0xFF for a, b in zip(line, previous, strict=True))
        else:
            raw += b"\x00" + line
        previous = line
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_pixel_check_tells_a_drawing_from_a_blank_canvas() -> None:
    white = (255, 255, 255)
    blank = _png(10, 10, [[white] * 10 for _ in range(10)])
    assert decode_png(blank).ink_ratio(step=1) == 0.0
    drawn_rows = [[white] * 10 for _ in range(10)]
    for y in range(3, 7):
        drawn_rows[y][4] = (0, 114, 178)
    image = decode_png(_png(10, 10, drawn_rows))
    assert image.pixel(4, 5) == (0, 114, 178)
    assert image.ink_ratio(step=1) == pytest.approx(0.04)


def test_static_site_is_self_contained(site_store: GraphStore, tmp_path: Path, gdansk: str) -> None:
    report = build_site(site_store, tmp_path, only=[gdansk])
    assert report.pages > 10
    home = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="./static/site.css"' in home
    assert (tmp_path / "en" / "node" / uid_file(gdansk)).is_file()
    assert (tmp_path / "static" / "vendor" / "vis-network" / "LICENSE-APACHE-2.0").is_file()
    assert (tmp_path / "site" / "search-index.pl.js").read_text().startswith("window.PG_INDEX")
    for page in tmp_path.rglob("*.html"):
        for fetched in _fetched_urls(page.read_text(encoding="utf-8")):
            assert not re.match(r"^(https?:)?//|^/", fetched), f"{page} loads {fetched}"


def test_static_site_of_an_empty_store_still_builds(tmp_path: Path) -> None:
    report = build_site(MemoryStore(), tmp_path)
    assert (tmp_path / "index.html").is_file()
    assert report.pages >= 6


def test_pages_carry_an_etag_and_answer_304_while_nothing_changed(client: TestClient) -> None:
    first = client.get("/erb")
    etag = first.headers["etag"]
    again = client.get("/erb", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert client.get("/erb?lang=en", headers={"If-None-Match": etag}).status_code == 200


def test_every_node_and_priority_of_the_bundled_data_has_a_page(site_store: GraphStore) -> None:
    from partnergraph.viz import pages
    from partnergraph.viz.render import render

    links = Links()
    for node in site_store.nodes():
        page = pages.node_page(site_store, node.uid, links)
        assert node.uid in render(page, links)
        if node.label == NodeLabel.PRIORITY:
            page = pages.priority_page(site_store, node.uid, links)
            assert page.status == 200
            render(page, links)


def test_home_page_counts_erb_members_by_the_one_definition(client: TestClient) -> None:
    # Hand count on the bundled data, today: the 1998 parties still active (Pomorskie,
    # Warmińsko-Mazurskie, the association, Blekinge, Kronoberg, Bornholm, the Klaipėda
    # region association), Kalmar län and Skånes Kommuner — 9; Kaliningrad Oblast is
    # suspended since 2022-03-02 and the Latvian members ended.
    html = client.get("/").text
    figure = re.search(r'figure-value">(\d+)</span> <span class="figure-label">członków', html)
    assert figure is not None
    assert int(figure.group(1)) == 9


def test_gaps_page_says_beside_each_row_whether_the_sources_cover_it(client: TestClient) -> None:
    html = client.get("/gaps").text
    assert "Luka na tej stronie oznacza, że dane nie zawierają współpracy" in html
    assert '<th scope="col">Źródła</th>' in html
    assert "niepełne" in html
    english = client.get("/gaps", params={"lang": "en"}).text
    assert '<th scope="col">Sources</th>' in english


def test_gaps_page_tells_same_name_gminy_apart_and_counts_todays_gminy(
    client: TestClient,
) -> None:
    html = client.get("/gaps").text
    assert "Chojnice (gmina miejska)" in html
    assert "Chojnice (gmina wiejska)" in html
    # 123 + 116 gminy today: Kobylnica's old code (2212062, until 2024) is not counted again
    assert re.search(r"\(\d+ / 239\)", html)
