"""docs/ingest.md documents every header the keep.eu importer accepts, and the corpus size."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnergraph.ingest.keep_eu import PARTNER_COLUMNS, PROJECT_COLUMNS
from tests.bad_inputs.make_corpus import CASES

DOC = Path(__file__).parents[2] / "docs" / "ingest.md"


@pytest.mark.parametrize(
    "header",
    sorted({header for column in PROJECT_COLUMNS + PARTNER_COLUMNS for header in column.headers}),
)
def test_every_accepted_header_is_documented(header: str) -> None:
    assert f"`{header}`" in DOC.read_text(encoding="utf-8")


def test_the_documented_corpus_size_is_the_real_one() -> None:
    assert f"one file per case ({len(CASES)})" in DOC.read_text(encoding="utf-8")
