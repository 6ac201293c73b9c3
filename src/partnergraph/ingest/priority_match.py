"""keep.eu's priority texts matched to the priorities the graph already has.

keep.eu exports a project's programme priorities as text ("Improve the cooperation capacity of
local South Baltic area actors …"). Where the curated data already holds that programme's
priority (``priority:interreg-south-baltic-2014-2020:so5.1``, with its ALIGNS_WITH links to
Pomorskie's and the ERB's priorities), the import must point at that node: a second node with
the same text would be one priority twice, and its projects would never reach the questions
asked about the curated one. The texts differ only in small ways ("in"/"on international
markets", typographic apostrophes), so a near-identical text within the same programme is the
same priority; anything less stays a priority of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from partnergraph.model import Node, NodeLabel
from partnergraph.text import fold

__all__ = ["SAME_PRIORITY", "KnownPriorities"]

#: Similarity (rapidfuzz ratio of the folded texts) from which two texts of one programme are
#: one priority. Measured on South Baltic 2014–2020: keep.eu's seven specific objectives score
#: 99.3–100 against the curated ones; the next best curated text scores at most 73.
SAME_PRIORITY = 95.0
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _key(text: str) -> str:
    return _NOT_WORD.sub(" ", fold(text)).strip()


class KnownPriorities:
    """The graph's priorities by programme (the slug in ``priority:<slug>:<code>``)."""

    def __init__(self, nodes: Iterable[Node]) -> None:
        self._by_programme: dict[str, list[tuple[str, str]]] = {}
        for node in nodes:
            if node.label != NodeLabel.PRIORITY:
                continue
            parts = node.uid.split(":")
            if len(parts) != 3:
                continue
            for name in filter(None, (node.name, node.name_en)):
                self._by_programme.setdefault(parts[1], []).append((_key(name), node.uid))

    def match(self, programme_slug: str, text: str) -> str | None:
        """The uid of the programme's known priority with this text, if exactly one is
        close enough; None otherwise (the import makes a priority of its own)."""
        key = _key(text)
        if not key:
            return None
        scored: dict[str, float] = {}
        for known, uid in self._by_programme.get(programme_slug, []):
            score = fuzz.ratio(key, known)
            if score >= SAME_PRIORITY:
                scored[uid] = max(score, scored.get(uid, 0.0))
        if not scored:
            return None
        best = max(scored.values())
        winners = [uid for uid, score in scored.items() if score == best]
        return winners[0] if len(winners) == 1 else None
