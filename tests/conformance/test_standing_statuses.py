"""An actor's standing from the dates of its evidence alone (``statuses`` over the store's
``spans_of``), on both stores: the hand-worked statuses of a small graph on several days, and
the same status as :func:`standing`, which reads the relationships themselves.

The graph (dates are the test's own, not facts): a network and two projects, and one
organisation per case — suspended like Kaliningrad Oblast since 2 March 2022, ceased to exist,
left the network, left it but with a recent project, one old project, one recent project, an
undated twinning, an undated membership said to be active, nothing at all; and two that signed
agreements, whose status is the agreement's own: one in force since 2010 but recorded as
ended, one that ran 2012–2014.
"""

from __future__ import annotations

import datetime as dt

import pytest

from partnergraph.graph.store import GraphStore
from partnergraph.model import NodeLabel, RelType, Span
from partnergraph.queries.standing import EVIDENCE, StandingStatus, standing, statuses
from tests.conformance.builders import edge, node

D2012_12_31 = dt.date(2012, 12, 31)
D2013 = dt.date(2013, 1, 1)
D2015 = dt.date(2015, 1, 1)
D2020_06 = dt.date(2020, 6, 1)
D2021 = dt.date(2021, 1, 1)
D2022 = dt.date(2022, 1, 1)
D2023 = dt.date(2023, 1, 1)
D2023_12_31 = dt.date(2023, 12, 31)
D2024 = dt.date(2024, 1, 1)
D2027 = dt.date(2027, 1, 1)


def load_standing_example(store: GraphStore) -> GraphStore:
    store.upsert_nodes(
        [
            node("network:erb", NodeLabel.NETWORK, valid_from="1998-02-22"),
            node("org:kgd"),  # suspended, like Kaliningrad Oblast
            node("org:gone", valid_to="2010-12-31"),  # ceased to exist
            node("org:left"),  # left the network, nothing else
            node("org:left-busy"),  # left the network, but a recent project
            node("org:old"),  # one project long ago
            node("org:recent"),  # a project ended two years ago
            node("org:twin"),  # undated twinning only
            node("org:said"),  # undated membership, status active
            node("org:lonely"),  # nothing at all
            node("org:signed-ended"),  # an agreement in force by its dates, recorded as ended
            node("org:signed-old"),  # an agreement that ran 2012-2014
            node("project:old", NodeLabel.PROJECT, valid_from="2005-01-01", valid_to="2007-12-31"),
            node("project:new", NodeLabel.PROJECT, valid_from="2019-01-01", valid_to="2021-12-31"),
            node("town:x", NodeLabel.MUNICIPALITY),
            node("agr:ended", NodeLabel.AGREEMENT, valid_from="2010-01-01", status="ended"),
            node(
                "agr:old",
                NodeLabel.AGREEMENT,
                valid_from="2012-01-01",
                valid_to="2014-12-31",
                status="active",
            ),
        ]
    )
    member, part, signed = RelType.MEMBER_OF, RelType.PARTICIPATES_IN, RelType.SIGNED_BY
    store.upsert_edges(
        [
            edge("org:kgd", "network:erb", key="a", valid_to="2022-03-01", status="active"),
            edge("org:kgd", "network:erb", key="s", valid_from="2022-03-02", status="suspended"),
            edge("org:kgd", "project:old", part),
            edge("org:gone", "project:new", part),
            edge("org:left", "network:erb", valid_to="2020-06-30", status="ended"),
            edge("org:left-busy", "network:erb", valid_to="2020-06-30", status="ended"),
            edge("org:left-busy", "project:new", part),
            edge("org:old", "project:old", part),
            edge("org:recent", "project:new", part),
            edge("org:twin", "town:x", RelType.TWINNED_WITH),
            edge("org:said", "network:erb", member, status="active"),
            edge("agr:ended", "org:signed-ended", signed),
            edge("agr:old", "org:signed-old", signed),
        ]
    )
    return store


#: (actor, day, status), worked out by hand from the rules in ``queries/standing.py``.
EXPECTED: list[tuple[str, dt.date, StandingStatus]] = [
    ("org:kgd", D2024, "suspended"),  # the suspended membership holds, nothing else does
    ("org:kgd", D2021, "active"),  # the first membership still held
    ("org:gone", D2024, "ended"),  # its own end date, 2010-12-31
    ("org:left", D2022, "ended"),  # its only membership ended in 2020, nothing informal
    ("org:left-busy", D2023, "active"),  # the project ended 2021-12-31, in the last five years
    ("org:old", D2012_12_31, "active"),  # the project ended 2007-12-31: five years to the day
    ("org:old", D2013, "inactive"),
    ("org:old", D2015, "inactive"),
    ("org:recent", D2020_06, "active"),  # the project holds on the day
    ("org:recent", D2023_12_31, "active"),
    ("org:recent", D2027, "inactive"),
    ("org:twin", D2024, "unknown"),  # undated, no status: nothing to judge by
    ("org:lonely", D2024, "unknown"),
    ("org:said", D2024, "active"),  # undated, but the source says active
    ("org:signed-ended", D2024, "ended"),  # in force by its dates, but the agreement ended
    ("org:signed-old", D2013, "active"),
    ("org:signed-old", D2015, "ended"),  # every formal tie ended, nothing informal since
]


@pytest.fixture
def example(store: GraphStore) -> GraphStore:
    return load_standing_example(store)


@pytest.mark.parametrize(("actor", "day", "status"), EXPECTED)
def test_statuses_from_the_dates_alone_are_the_hand_worked_ones(
    example: GraphStore, actor: str, day: dt.date, status: StandingStatus
) -> None:
    assert statuses(example, [example.node(actor)], day) == {actor: status}
    assert standing(example, example.node(actor), day).status == status


def test_statuses_of_many_actors_at_once_are_each_ones_standing(example: GraphStore) -> None:
    actors = example.nodes(NodeLabel.ORGANISATION)
    for day in sorted({day for _, day, _ in EXPECTED}):
        assert statuses(example, actors, day) == {
            actor.uid: standing(example, actor, day).status for actor in actors
        }


def test_spans_are_the_neighbours_reduced_to_their_dates(example: GraphStore) -> None:
    uids = ["org:kgd", "org:signed-ended", "org:twin", "org:lonely", "org:nobody"]
    for rel_type, direction in EVIDENCE:
        found = example.spans_of(uids, types=[rel_type], direction=direction)
        around = example.neighbours_of(uids, types=[rel_type], direction=direction)
        assert found == {uid: [Span.of(n) for n in ns] for uid, ns in around.items()}
    member, erb = RelType.MEMBER_OF, "1998-02-22"
    assert example.spans_of(["org:kgd"], types=[member], direction="out") == {
        "org:kgd": [
            Span(member, "network:erb", "a", "out", None, "2022-03-01", "active", erb, None, None),
            Span(
                member, "network:erb", "s", "out", "2022-03-02", None, "suspended", erb, None, None
            ),
        ]
    }
    assert example.spans_of(["agr:ended"], types=[RelType.SIGNED_BY], direction="out") == {
        "agr:ended": [
            Span(
                RelType.SIGNED_BY, "org:signed-ended", "", "out", None, None, None, None, None, None
            )
        ]
    }
    signed = example.spans_of(["org:signed-ended"], types=[RelType.SIGNED_BY], direction="in")
    assert signed == {
        "org:signed-ended": [
            Span(
                RelType.SIGNED_BY,
                "agr:ended",
                "",
                "in",
                None,
                None,
                None,
                "2010-01-01",
                None,
                "ended",
            )
        ]
    }
    # on a day, as neighbours_of: the first membership is gone in 2024
    in_2024 = example.spans_of(["org:kgd"], types=[RelType.MEMBER_OF], at=D2024)
    assert [span.key for span in in_2024["org:kgd"]] == ["s"]
    assert example.spans_of([]) == {}
    assert example.spans_of(["org:lonely"]) == {"org:lonely": []}
