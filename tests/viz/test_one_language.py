"""One language per page: every page type, in Polish and in English, shows no word of the
other language's translation tables and no letters of a script its language does not use,
except inside an element marked as a native name (``data-native-name`` or a ``lang``
attribute differing from the page's).

The pages are rendered by the FastAPI app over the bundled data (``data/``), through the
TestClient, so no browser is needed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from partnergraph.graph.store import GraphStore
from partnergraph.settings import Settings
from partnergraph.stores import open_store
from partnergraph.viz import i18n_tables
from partnergraph.viz.i18n import Lang

PAGES: dict[str, str] = {
    "home": "/",
    "search": "/?q=" + quote("Gdańsk"),
    "gmina": "/node/teryt:2261011",
    "region": "/node/nuts:PL63",
    "region_abroad": "/node/iso:RU-KGD",
    "organisation": "/node/org:agencja-rozwoju-pomorza",
    "project": "/node/" + quote("project:interreg-bsr-2021-2027:waterman"),
    "priorities": "/priorities",
    "priority": "/priority/" + quote("priority:erb-2020-agenda:fa-1"),
    "gaps": "/gaps",
    "clusters": "/clusters",
    "path": "/path?from=teryt:2261011&to=nuts:SE221",
    "erb": "/erb",
    "association": "/association",
    "region_page": "/region/nuts:PL63",
    "programme": "/programme/programme:interreg-south-baltic-2014-2020",
}

#: Shorter table values ("do", "od", "Rok") are too often ordinary words of both languages.
MIN_LENGTH = 5

_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
_HIDDEN = {"script", "style", "template"}

#: Scripts the pages' languages are written in; any other letter needs a native-name mark.
_LATIN_OK = ("LATIN",)


@pytest.fixture(scope="module")
def store() -> GraphStore:
    return open_store(Settings(store="memory"))


@pytest.fixture(scope="module")
def client(store: GraphStore) -> Iterator[TestClient]:
    from partnergraph.api.app import create_app

    with TestClient(create_app(Settings(store="memory"), store=store)) as test_client:
        yield test_client


class _Visible(HTMLParser):
    """Visible text (and ``title`` attributes) of a page, each piece with whether it lies
    inside an element marked as a native name."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.stack: list[tuple[str, bool, bool]] = []  # tag, hidden, native
        self.pieces: list[tuple[str, bool]] = []

    def _state(self) -> tuple[bool, bool]:
        if not self.stack:
            return False, False
        _tag, hidden, native = self.stack[-1]
        return hidden, native

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        hidden, native = self._state()
        values = dict(attrs)
        lang = values.get("lang")
        native = (
            native
            or "data-native-name" in values
            or (lang is not None and tag != "html" and lang.split("-")[0] != self.lang)
        )
        hidden = hidden or tag in _HIDDEN
        title = values.get("title")
        if title and not hidden:
            self.pieces.append((title, native))
        if tag not in _VOID:
            self.stack.append((tag, hidden, native))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        hidden, native = self._state()
        if not hidden and data.strip():
            self.pieces.append((data, native))


def visible(html: str, lang: str) -> list[tuple[str, bool]]:
    parser = _Visible(lang)
    parser.feed(html)
    parser.close()
    return parser.pieces


def _values(lang: Lang) -> dict[tuple[str, str], str]:
    index = 0 if lang == "pl" else 1
    return {
        (table, key): pair[index]
        for table, entries in i18n_tables.ALL_TABLES.items()
        for key, pair in entries.items()
    }


def foreign_words(lang: Lang) -> list[str]:
    """Values of the other language's tables that this language does not share."""
    other: Lang = "en" if lang == "pl" else "pl"
    mine = _values(lang)
    theirs = _values(other)
    own = set(mine.values())
    found: set[str] = set()
    for key, value in theirs.items():
        if value == mine.get(key) or value in own:
            continue
        for part in re.split(r"\{[^}]*\}", value):
            part = part.strip(" .,:;()–—-")
            if len(part) >= MIN_LENGTH and part not in own:
                found.add(part)
    return sorted(found, key=len, reverse=True)


def _foreign_letters(text: str) -> list[str]:
    odd = []
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if not name.startswith(_LATIN_OK):
            odd.append(char)
    return odd


@pytest.fixture(scope="module")
def rendered(client: TestClient) -> dict[tuple[str, str], str]:
    pages: dict[tuple[str, str], str] = {}
    for name, path in PAGES.items():
        for lang in ("pl", "en"):
            url = path + ("&" if "?" in path else "?") + f"lang={lang}"
            response = client.get(url, headers={"accept": "text/html"})
            assert response.status_code == 200, (url, response.status_code)
            pages[name, lang] = response.text
    return pages


@pytest.mark.parametrize("lang", ["pl", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_word_of_the_other_language(
    rendered: dict[tuple[str, str], str], name: str, lang: Lang
) -> None:
    html = rendered[name, lang]
    assert f'<html lang="{lang}"' in html
    words = foreign_words(lang)
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE
    )
    hits = sorted(
        {
            f"{m.group(0)!r} in {text.strip()[:80]!r}"
            for text, native in visible(html, lang)
            if not native
            for m in pattern.finditer(text)
        }
    )
    assert hits == [], f"{name} ({lang}) shows the other language's words"


@pytest.mark.parametrize("lang", ["pl", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_foreign_script_outside_native_names(
    rendered: dict[tuple[str, str], str], name: str, lang: Lang
) -> None:
    html = rendered[name, lang]
    hits = sorted(
        {
            text.strip()[:80]
            for text, native in visible(html, lang)
            if not native and _foreign_letters(text)
        }
    )
    assert hits == [], f"{name} ({lang}) shows letters of another script"


def test_the_parser_honours_native_name_marks() -> None:
    html = (
        '<html lang="pl"><body><p>Rosja <span data-native-name title="Россия">(Россия)</span>'
        '</p><p lang="en">Priority</p><script>var x = "Россия";</script><p>Шанхай</p>'
        "</body></html>"
    )
    pieces = visible(html, "pl")
    assert ("Rosja ", False) in pieces
    assert ("Россия", True) in pieces
    assert ("(Россия)", True) in pieces
    assert ("Priority", True) in pieces
    assert not any("var x" in text for text, _ in pieces)
    assert [text for text, native in pieces if not native and _foreign_letters(text)] == ["Шанхай"]
