"""Entity resolution, shared types: mentions, graph actors, decisions, review pairs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from partnergraph.model import NodeLabel
from partnergraph.text import fold

#: token_sort_ratio (0–100) of canonical names at or above which two mentions are merged.
MERGE_THRESHOLD = 92.0
#: Score from which a pair that is not merged is still worth a human look.
REVIEW_THRESHOLD = 80.0

Verdict = Literal["merge", "review", "distinct"]


@dataclass(frozen=True)
class Mention:
    """One sighting of an organisation: a row of a file, or a name in it."""

    name: str
    country: str | None = None
    city: str | None = None
    pic: str | None = None
    vat: str | None = None
    other_names: tuple[str, ...] = ()
    origin: str = ""
    #: The project the mention is a partner of, if any: two kinds of territory named in one
    #: project are two bodies.
    project: str = ""


@dataclass(frozen=True)
class Known:
    """An actor already in the graph that mentions may turn out to be."""

    uid: str
    label: NodeLabel
    names: tuple[str, ...]
    country: str | None = None
    city: str | None = None
    pic: str | None = None
    vat: str | None = None
    gmina_type: str | None = None


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    score: float
    reason: str


@dataclass(frozen=True)
class ReviewPair:
    """Two names that may be one organisation; a person decides, the import does not merge."""

    left: str
    right: str
    country: str | None
    score: float
    reason: str
    left_origin: str = ""
    right_origin: str = ""
    right_uid: str = ""


@dataclass
class Resolution:
    """Mentions grouped into organisations: ``groups[i]`` lists mention indices, and
    ``known[i]`` the uid of the graph node group ``i`` turned out to be, if any."""

    groups: list[list[int]]
    known: dict[int, str]
    review: list[ReviewPair]
    stats: Counter[str] = field(default_factory=Counter)


def decision_key(name: str) -> str:
    """How a name in a review decision is compared: folded, single spaces."""
    return fold(name)


@dataclass(frozen=True)
class Decisions:
    """A person's answers to review pairs: accepted pairs are one body, rejected pairs never
    are. Each side is a name as the review file shows it, or a node's uid."""

    accepted: frozenset[frozenset[str]] = frozenset()
    rejected: frozenset[frozenset[str]] = frozenset()

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str, bool]]) -> Decisions:
        """From (left, right, accepted) triples; a later answer about a pair wins."""
        answers: dict[frozenset[str], bool] = {}
        for left, right, accepted in pairs:
            answers[frozenset({decision_key(left), decision_key(right)})] = accepted
        return cls(
            frozenset(pair for pair, ok in answers.items() if ok),
            frozenset(pair for pair, ok in answers.items() if not ok),
        )

    def __bool__(self) -> bool:
        return bool(self.accepted or self.rejected)

    def partners(self, name: str) -> set[str]:
        """The other sides of the accepted pairs ``name`` is in."""
        key = decision_key(name)
        return {other for pair in self.accepted if key in pair for other in pair - {key}}

    def is_rejected(self, left: Iterable[str], right: Iterable[str]) -> bool:
        """Whether any name (or uid) of one side was rejected as any of the other's."""
        rights = {decision_key(name) for name in right}
        return any(
            frozenset({decision_key(name), other}) in self.rejected
            for name in left
            for other in rights
        )
