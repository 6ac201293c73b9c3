"""Coverage notes (``data/coverage.csv``) in the page's language.

Answers carry a note as its English sentence (``CoverageNote.sentence``: "projects:
Interreg South Baltic 2014-2020 partial (6 projects with ERB actors)"). A page finds the note
again by that sentence and shows its fixed parts (area, scope, status) from the tables here;
the free-text remainder (``note``) is written in English only, so a Polish page marks it
``lang="en"``. An English page translates the Polish TERYT words inside it ("gmina wiejska").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from partnergraph.ingest.coverage import CoverageNote
from partnergraph.viz.i18n import Lang, t
from partnergraph.viz.i18n_tables import COVERAGE_AREAS, COVERAGE_SCOPES

__all__ = ["COVERAGE_AREAS", "COVERAGE_SCOPES", "NoteText", "note_text", "note_texts"]

#: Polish TERYT words that stored English notes quote, with their English form.
_TERYT_WORDS: tuple[str, ...] = (
    "gmina_type_miejsko-wiejska",
    "gmina_type_miejska",
    "gmina_type_wiejska",
)


@dataclass(frozen=True)
class NoteText:
    """One coverage note in the page's language; ``*_lang`` is "en" where a part is shown as
    stored in English on a Polish page."""

    area: str
    scope: str
    status: str
    note: str = ""
    scope_lang: str | None = None
    note_lang: str | None = None


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang == "en" else pair[0]


def _free_text(text: str, lang: Lang) -> str:
    if lang != "en":
        return text
    for key in _TERYT_WORDS:
        text = text.replace(t(key, "pl"), t(key, "en"))
    return text


def note_text(note: CoverageNote, lang: Lang) -> NoteText:
    """``note`` for a page in ``lang``."""
    english = None if lang == "en" else "en"
    area = COVERAGE_AREAS.get(note.area)
    scope = COVERAGE_SCOPES.get(note.scope)
    return NoteText(
        area=_pick(area, lang) if area else note.area,
        scope=_pick(scope, lang) if scope else note.scope,
        status=t(f"cov_{note.status}", lang),
        note=_free_text(note.note, lang),
        scope_lang=None if scope else english,
        note_lang=english if note.note else None,
    )


def note_texts(
    sentences: Iterable[str], notes: Iterable[CoverageNote], lang: Lang
) -> list[NoteText]:
    """The notes behind an answer's ``sentences`` (``CoverageNote.sentence``) for a page in
    ``lang``; a sentence no note gives is shown as stored English text."""
    by_sentence = {note.sentence(): note for note in notes}
    shown = []
    for sentence in sentences:
        note = by_sentence.get(sentence)
        if note is None:
            english = None if lang == "en" else "en"
            shown.append(NoteText("", "", "", _free_text(sentence, lang), note_lang=english))
        else:
            shown.append(note_text(note, lang))
    return shown
