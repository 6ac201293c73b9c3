"""Partner ranking in the database: :mod:`partnergraph.graph.ranking` as Cypher.

One statement walks the chains of the asked priorities (``neo4j_chains``: period and window
in the database), keeps the chain each key counts with (``coverage.preference``), weighs it,
sums per partner, applies the filters and sends back the first partners (with those tied with
the last of them) and the total: a few dozen rows, where the chains of a well-covered
priority run to thousands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from partnergraph.graph.neo4j_chains import (
    ADMITS,
    ASKED_AND_ALIGNED,
    CHAINS_TO_T,
    PARTNERS,
    PERIOD,
    window_params,
)
from partnergraph.graph.neo4j_coverage import COUNTRY
from partnergraph.graph.ranking import (
    ALIGNMENT_WEIGHT,
    KIND_WEIGHT,
    RECENCY_STEP_YEARS,
    ROLE_WEIGHT,
    STATUS_WEIGHT,
    Ranking,
    Scored,
)
from partnergraph.window import Window

if TYPE_CHECKING:
    from partnergraph.graph.neo4j import Neo4jStore

__all__ = ["partner_ranking"]


def _case(subject: str, weights: dict[str, float], default: float) -> str:
    cases = " ".join(f"WHEN '{key}' THEN {value!r}" for key, value in weights.items())
    return f"CASE {subject} {cases} ELSE {default!r} END"


#: ``coverage.preference`` between two chains of one key (``v`` before ``b``): alignment
#: rank, asked uid, priority uid, the principal relationship's key.
_BEFORE = (
    "v[0] < b[0] OR (v[0] = b[0] AND (v[1] < b[1] OR (v[1] = b[1] AND (v[2] < b[2] "
    "OR (v[2] = b[2] AND v[3] < b[3])))))"
)
#: ``ranking.chain_status``: the agreement's status, or the membership's.
_STATUS = "CASE kind WHEN 'agreement' THEN c.p_status WHEN 'network' THEN l.p_status END AS status"
#: ``ranking.chain_weight`` of the best chain ``best`` = [rank, asked, priority, key, hi].
_WEIGHT = (
    f"round({_case('kind', KIND_WEIGHT, 1.0)} "
    f"* CASE WHEN kind = 'project' THEN {_case('l.p_role', ROLE_WEIGHT, 1.0)} ELSE 1.0 END "
    "* CASE WHEN status = 'suspended' OR (status = 'ended' AND best[4] IS NULL) "
    f"THEN {STATUS_WEIGHT!r} ELSE 1.0 END "
    f"* CASE best[0] WHEN 0 THEN 1.0 WHEN 1 THEN {ALIGNMENT_WEIGHT['strong']!r} "
    f"ELSE {ALIGNMENT_WEIGHT['partial']!r} END "
    "* CASE WHEN best[4] IS NOT NULL AND best[4] < $ref THEN 0.5 ^ "
    f"((toInteger(left($ref, 4)) - toInteger(left(best[4], 4))) / {RECENCY_STEP_YEARS}) "
    "ELSE 1.0 END, 4, 'HALF_EVEN') AS w"
)
_RANKING = (
    ASKED_AND_ALIGNED + CHAINS_TO_T + f"WITH a, kind, x, c, l, pr, t, al, {PERIOD} WHERE {ADMITS} "
    # one row per key, with the chain it counts with
    "WITH x, kind, c, l, collect([CASE WHEN al IS NULL THEN 0 "
    "WHEN al.p_strength = 'strong' THEN 1 ELSE 2 END, a.uid, t.uid, coalesce(pr.key, ''), "
    "hi]) AS alts "
    f"WITH x, kind, c, l, reduce(b = alts[0], v IN alts | CASE WHEN {_BEFORE} "
    "THEN v ELSE b END) AS best "
    f"WITH x, kind, c, l, best, {_STATUS} "
    f"WITH x, best, {_WEIGHT} "
    # one row per partner
    "WITH x, round(sum(w), 4, 'HALF_EVEN') AS score, count(*) AS n, "
    "max(CASE WHEN best[4] IS NULL OR best[4] > $ref THEN $ref ELSE best[4] END) AS latest, "
    "collect(CASE WHEN best[0] > 0 THEN best[2] END) AS via "
    f"WITH x, score, n, latest, via, {COUNTRY} AS country "
    "WITH collect([x.uid, x.name, score, n, latest, "
    "NOT x.uid IN $exclude AND ($within IS NULL OR x.uid IN $within) "
    "AND ($countries IS NULL OR country IN $countries) "
    "AND ($kinds IS NULL OR toLower(x.label) IN $kinds "
    "OR (x.p_kind IS :: STRING AND toLower(x.p_kind) IN $kinds))]) AS rows, "
    "reduce(s = [], v IN collect(via) | s + [y IN v WHERE NOT y IN s]) AS aligned "
    "CALL (rows) { UNWIND rows AS r WITH r WHERE r[5] "
    "WITH r ORDER BY r[2] DESC, r[3] DESC, r[4] DESC, r[0] RETURN collect(r) AS ranked } "
    "WITH aligned, ranked, CASE WHEN size(ranked) > $top THEN ranked[$top - 1] END AS last "
    "RETURN aligned, size(ranked) AS total, "
    "[r IN ranked WHERE last IS NULL OR r[2] > last[2] OR (r[2] = last[2] AND (r[3] > last[3] "
    "OR (r[3] = last[3] AND r[4] >= last[4])))] AS top"
)


def partner_ranking(
    store: Neo4jStore,
    priorities: Sequence[str],
    window: Window,
    *,
    aligned: bool,
    ref: dt.date,
    top: int,
    exclude: Collection[str],
    partners: Collection[str] | None,
    countries: Collection[str] | None,
    kinds: Collection[str] | None,
) -> Ranking:
    """:meth:`GraphStore.partner_ranking` on Neo4j (see the module docstring)."""
    records = store._read(
        _RANKING,
        asked=sorted(set(priorities)),
        aligned=aligned,
        together=True,
        partners=PARTNERS,
        ref=ref.isoformat(),
        top=top,
        exclude=sorted(exclude),
        within=None if partners is None else sorted(partners),
        countries=None if countries is None else sorted(countries),
        kinds=None if kinds is None else sorted(kinds),
        **window_params(window),
    )
    if not records:
        return Ranking(0, [], [])
    record = records[0]
    return Ranking(
        total=record["total"],
        top=[
            Scored(uid, name, score, n, latest) for uid, name, score, n, latest, _ in record["top"]
        ],
        aligned=sorted(record["aligned"]),
    )
