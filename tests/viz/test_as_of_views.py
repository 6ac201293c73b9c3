""" "As of" network pictures draw only what held that day (issue 18).

Hand-worked on the bundled data: the association held the ERB presidency from 2020-02-12 to
2021-02-11 (data/edges/member_of.csv, key 2020) and appoints Youth Board representatives from
2023-01-01; its picture of 1 June 2020 shows the presidency and not the Youth Board, its
picture of 1 June 2024 the reverse.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.loader import load_directory
from partnergraph.settings import default_data_dir
from partnergraph.viz.links import Links
from partnergraph.viz.pages.association import _view

PRESIDENCY = "network:erb-presidency"
YOUTH_BOARD = "network:erb-youth-board"


def _drawn(day: dt.date) -> set[str]:
    store = MemoryStore()
    load_directory(store, Path(default_data_dir()))
    view = _view(store, Links(lang="pl"), day)
    return {str(node["id"]) for node in view.nodes}


def test_the_association_picture_draws_its_network_seats_of_that_day_only() -> None:
    in_2020 = _drawn(dt.date(2020, 6, 1))
    in_2024 = _drawn(dt.date(2024, 6, 1))
    assert PRESIDENCY in in_2020
    assert YOUTH_BOARD not in in_2020
    assert PRESIDENCY not in in_2024
    assert YOUTH_BOARD in in_2024
