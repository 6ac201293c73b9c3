"""Every property the data model has is named in both page languages (a page must never show
a raw key such as ``source_row`` or ``role``)."""

from __future__ import annotations

from partnergraph.model import EDGE_PROPERTIES, NODE_PROPERTIES
from partnergraph.viz.i18n import prop_name
from partnergraph.viz.i18n_tables import PROPS


def test_every_model_property_has_a_polish_and_an_english_name() -> None:
    keys = {key for spec in [*NODE_PROPERTIES.values(), *EDGE_PROPERTIES.values()] for key in spec}
    assert sorted(keys - set(PROPS)) == []
    for key in keys:
        polish, english = PROPS[key]
        assert polish
        assert english
        assert prop_name(key, "pl") == polish
        assert "_" not in polish
        assert "_" not in english
