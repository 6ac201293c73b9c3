"""Render a page: one jinja2 environment, one shared layout, the same call live and static."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from partnergraph import __version__
from partnergraph.viz.i18n import Lang, label_name, relation_name, t
from partnergraph.viz.links import Links

__all__ = ["Page", "environment", "render"]


@dataclass
class Page:
    """What a page builder returns: the template, the title and the template's variables.

    ``page``/``uid``/``params`` name the page for the language switch and the canonical URL.
    """

    template: str
    title: str
    page: str
    context: dict[str, Any] = field(default_factory=dict)
    uid: str | None = None
    params: dict[str, str | int | None] = field(default_factory=dict)
    status: int = 200


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("partnergraph.viz", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["label_name"] = label_name
    env.globals["relation_name"] = relation_name
    return env


def render(page: Page, links: Links, *, data_version: str = "", credits: Sequence[str] = ()) -> str:
    """The page as HTML for ``links.lang``, chrome-less when ``links.embed``; ``credits``:
    translation keys of the credits the data's sources ask for (keep.eu's), in the footer."""
    lang: Lang = links.lang
    template = environment().get_template(page.template)
    return template.render(
        page=page,
        links=links,
        lang=lang,
        embed=links.embed,
        mode=links.mode,
        _=lambda key: t(key, lang),
        switch_url=links.switch_lang(page.page, page.uid, **page.params),
        version=__version__,
        data_version=data_version,
        credits=credits,
        today=dt.date.today().isoformat(),
        **page.context,
    )
