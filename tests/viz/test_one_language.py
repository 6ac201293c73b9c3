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
from partnergraph.viz import i18n_tables, i18n_values
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
    from partnergraph.web import create_app

    with TestClient(create_app(Settings(store="memory"), store=store)) as test_client:
        yield test_client


class _Visible(HTMLParser):
    """Visible text (and ``title`` attributes) of a page, each piece with whether it lies
    inside an element marked as a native name."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.stack: list[tuple[str, bool, bool, bool]] = []  # tag, hidden, native, as stored
        self.pieces: list[tuple[str, bool, bool]] = []
        #: indexes in ``pieces`` of the document's ``<head><title>`` text
        self.head_title: set[int] = set()

    def _state(self) -> tuple[bool, bool, bool]:
        if not self.stack:
            return False, False, False
        _tag, hidden, native, stored = self.stack[-1]
        return hidden, native, stored

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        hidden, native, stored = self._state()
        values = dict(attrs)
        stored = stored or values.get("translate") == "no"
        lang = values.get("lang")
        native = (
            native
            or "data-native-name" in values
            or (lang is not None and tag != "html" and lang.split("-")[0] != self.lang)
        )
        hidden = hidden or tag in _HIDDEN
        title = values.get("title")
        if title and not hidden:
            self.pieces.append((title, native, stored))
        if tag not in _VOID:
            self.stack.append((tag, hidden, native, stored))

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
        hidden, native, stored = self._state()
        if not hidden and data.strip():
            tags = [entry[0] for entry in self.stack]
            if tags[-1:] == ["title"] and "head" in tags:
                self.head_title.add(len(self.pieces))
            self.pieces.append((data, native, stored))


def _parse(html: str, lang: str) -> _Visible:
    parser = _Visible(lang)
    parser.feed(html)
    parser.close()
    return parser


def visible(html: str, lang: str) -> list[tuple[str, bool, bool]]:
    return _parse(html, lang).pieces


def checked_text(html: str, lang: str) -> list[str]:
    """The unmarked visible text of a page, for the word check. ``<title>`` holds text only,
    so it cannot mark the name it repeats from the page (an English-only programme name on
    a Polish page): there, names the page marks elsewhere are left out."""
    parser = _parse(html, lang)
    marked = sorted(
        {text.strip() for text, native, _ in parser.pieces if native and text.strip()},
        key=len,
        reverse=True,
    )
    texts = []
    for index, (text, native, stored) in enumerate(parser.pieces):
        if native or stored:
            continue
        if index in parser.head_title:
            for name in marked:
                text = text.replace(name, " ")
        texts.append(text)
    return texts


def _values(lang: Lang) -> dict[tuple[str, str], str]:
    index = 0 if lang == "pl" else 1
    tables: dict[str, dict[str, tuple[str, str]]] = {
        **i18n_tables.ALL_TABLES,
        "ROLES": i18n_values.ROLES,
        "ROLE_WORDS": i18n_values.ROLE_WORDS,
        **{f"VALUES.{key}": values for key, values in i18n_values.VALUES.items()},
    }
    return {
        (table, key): pair[index]
        for table, entries in tables.items()
        for key, pair in entries.items()
    }


def foreign_words(lang: Lang) -> list[str]:
    """Values of the other language's tables that this language does not share."""
    other: Lang = "en" if lang == "pl" else "pl"
    mine = _values(lang)
    theirs = _values(other)
    own = set(mine.values())
    own_text = "\n".join(own)
    found: set[str] = set()
    for key, value in theirs.items():
        if value == mine.get(key) or value in own:
            continue
        for part in re.split(r"\{[^}]*\}", value):
            part = part.strip(" .,:;()–—-")
            if len(part) < MIN_LENGTH or part in own:
                continue
            # a word this language's own tables use too ("gmina" in English) is not foreign
            if re.search(rf"(?<!\w){re.escape(part)}(?!\w)", own_text, re.IGNORECASE):
                continue
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
            for text in checked_text(html, lang)
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
            for text, native, _stored in visible(html, lang)
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
    assert ("Rosja ", False, False) in pieces
    assert ("Россия", True, False) in pieces
    assert ("(Россия)", True, False) in pieces
    assert ("Priority", True, False) in pieces
    assert not any("var x" in text for text, _, _ in pieces)
    assert [text for text, native, _ in pieces if not native and _foreign_letters(text)] == [
        "Шанхай"
    ]


def test_the_title_may_repeat_only_a_name_marked_on_the_page() -> None:
    html = (
        '<html lang="pl"><head><title>Interreg South Baltic Programme — Program</title></head>'
        '<body><h1><span lang="en">Interreg South Baltic Programme</span></h1>'
        "<svg><title>Programme</title></svg></body></html>"
    )
    texts = checked_text(html, "pl")
    assert "Programme" not in texts[0]
    assert "Program" in texts[0]
    assert texts[1] == "Programme"  # an SVG title is not the document's
