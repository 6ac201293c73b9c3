"""The coverage matrix on /gaps leads with the question the site is for (issue 16/18): with the
keep.eu layer loaded, 85 priorities of keep.eu-only programmes sort before Pomorskie's by uid
("priority:2014-2020-…"); the page shows Pomorskie's 13 priorities of 2008 first, then the
ERB's agendas, then the curated programmes, then the keep.eu-only ones."""

from __future__ import annotations

from partnergraph.settings import Settings
from partnergraph.stores import open_store
from partnergraph.viz.links import Links
from partnergraph.viz.pages.gaps import gaps_page

POMORSKIE = "priority:pomorskie-priorytety-2008:"


def test_pomorskie_priorities_lead_the_matrix_and_keep_eu_programmes_come_last() -> None:
    store = open_store(Settings(store="memory"))
    page = gaps_page(store, Links(lang="pl"))
    uids = [row.uid for row in page.context["heat_rows"]]
    assert uids
    pomorskie = [i for i, uid in enumerate(uids) if uid.startswith(POMORSKIE)]
    keep_only = [i for i, uid in enumerate(uids) if uid.startswith("priority:2014-2020-")]
    assert pomorskie
    assert keep_only
    assert pomorskie == list(range(len(pomorskie)))  # a block at the top
    assert max(pomorskie) < min(keep_only)
