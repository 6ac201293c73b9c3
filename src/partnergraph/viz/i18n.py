"""The website's words in Polish (the default) and English.

One set of tables (:mod:`partnergraph.viz.i18n_tables`), so that a missing translation is a
``KeyError`` in the tests rather than a half-translated page.
"""

from __future__ import annotations

from typing import Literal

from partnergraph.viz.i18n_tables import LABELS, PROPS, RELATIONS, TEXT

__all__ = [
    "LABELS",
    "LANGS",
    "PROPS",
    "RELATIONS",
    "TEXT",
    "Lang",
    "label_name",
    "prop_name",
    "relation_name",
    "t",
]

Lang = Literal["pl", "en"]
LANGS: tuple[Lang, ...] = ("pl", "en")


def t(key: str, lang: Lang) -> str:
    """The text for ``key`` in ``lang``."""
    pl, en = TEXT[key]
    return en if lang == "en" else pl


def prop_name(key: str, lang: Lang) -> str:
    """A property's name for people; unknown keys are shown as they are."""
    pl, en = PROPS.get(key, (key, key))
    return en if lang == "en" else pl


def label_name(label: str, lang: Lang) -> str:
    pl, en = LABELS.get(label, (label, label))
    return en if lang == "en" else pl


def relation_name(rel_type: str, lang: Lang) -> str:
    pl, en = RELATIONS.get(rel_type, (rel_type, rel_type))
    return en if lang == "en" else pl
