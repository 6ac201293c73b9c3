"""Coverage counts in the database: :mod:`partnergraph.graph.coverage` as Cypher.

One statement per batch of priorities (``read_parallelism`` of them side by side) walks the
same chains as ``neo4j_chains`` (period and window in the database), groups them per evidence
key (partner, kind, carrier, link) and per partner, works out each partner's column (its
country, as ``coverage.partner_country`` reads it, or its nearest Region up PART_OF /
LOCATED_IN valid on the day) and returns, per priority, the counts per column, the sources
cited and only the chains of the first partners until ``sample`` keys are reached. The server
sends a few hundred rows of counts and a sample of chains, not the hundreds of thousands of
chains the whole matrix counts at keep.eu scale.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from partnergraph.graph.coverage import (
    REGION_STEPS,
    UID_COUNTRY,
    Column,
    CoverageCounts,
    PriorityTally,
)
from partnergraph.graph.neo4j_chains import (
    ADMITS,
    CHAINS_TO_T,
    PARTNERS,
    PERIOD,
    PRIORITY_UIDS,
    REL_MAP,
    chains_of,
    window_params,
)
from partnergraph.graph.neo4j_cypher import ENTITY, valid_on_day
from partnergraph.window import Window

if TYPE_CHECKING:
    from partnergraph.graph.neo4j import Neo4jStore

__all__ = ["COUNTRY", "coverage_counts"]

#: ``coverage.partner_country``: the ``country`` property (a non-empty string, upper-cased),
#: else ``teryt:`` is Poland, else the two letters after a known uid prefix (not for networks).
COUNTRY = (
    "CASE WHEN x.p_country IS :: STRING AND x.p_country <> '' THEN toUpper(x.p_country) "
    "WHEN x.uid STARTS WITH 'teryt:' THEN 'PL' "
    "WHEN x.label = 'Network' THEN null "
    + " ".join(
        f"WHEN x.uid STARTS WITH '{prefix}' THEN "
        f"CASE WHEN substring(x.uid, {at}, 2) =~ '\\\\p{{Lu}}{{1,2}}' "
        f"THEN substring(x.uid, {at}, 2) END"
        for prefix, at in UID_COUNTRY
    )
    + " END"
)
#: ``coverage.nearest_regions``: the nearest Region valid on the day, smallest uid first.
_REGION = (
    "CALL (x) { OPTIONAL MATCH path = "
    f"(x)-[:PART_OF|LOCATED_IN*0..{REGION_STEPS}]->(r:Region:{ENTITY}) "
    f"WHERE all(e IN relationships(path) WHERE {valid_on_day('e')}) "
    f"AND all(n IN nodes(path) WHERE {valid_on_day('n')}) "
    "RETURN r.uid AS region ORDER BY length(path), region LIMIT 1 } "
)

#: ``coverage.preference`` between two chains of one key (``v`` before ``b``): alignment
#: rank, then priority uid, then the principal relationship's key (its id's last part: the
#: type, carrier and priority are those of the key's other chains).
_BEFORE = "v[5] < b[5] OR (v[5] = b[5] AND (v[6] < b[6] OR (v[6] = b[6] AND v[7] < b[7])))"

_CHAINS = (
    # only priorities are asked (an uid of anything else has no evidence)
    f"UNWIND $asked AS asked_uid MATCH (a:Priority:{ENTITY} {{uid: asked_uid}}) "
    "CALL (a) { RETURN a AS t, null AS al UNION ALL "
    f"MATCH (a)-[al:ALIGNS_WITH]-(t:{ENTITY}) WHERE $aligned AND t <> a RETURN t, al }} "
    + CHAINS_TO_T
    + f"WITH a, kind, x, c, l, pr, t, al, {PERIOD} WHERE {ADMITS} "
    "AND ($within IS NULL OR x.uid IN $within) "
    # one row per evidence key: its chains, and the sources of the one it counts with
    "WITH a, x, kind, c, l, collect([pr, t, al, lo, hi, "
    "CASE WHEN al IS NULL THEN 0 WHEN al.p_strength = 'strong' THEN 1 ELSE 2 END, t.uid, "
    "coalesce(pr.key, '')]) AS alts "
    f"WITH a, x, kind, c, l, alts, reduce(b = alts[0], v IN alts | CASE WHEN {_BEFORE} "
    "THEN v ELSE b END) AS best "
    "WITH a, x, [kind, c, l, alts] AS key, coalesce(c.sources, []) + coalesce(l.sources, []) "
    "+ coalesce(best[0].sources, []) + coalesce(best[2].sources, []) AS cited "
    # one row per partner: its keys, the sources (a list per key: the distinct ones are taken
    # once per priority; merging them partner by partner cost a third of the statement at
    # keep.eu scale), its country
    "WITH a, x, collect(key) AS keys, collect(cited) AS cited "
    f"WITH a, x, keys, cited, {COUNTRY} AS country "
    "WHERE $countries IS NULL OR country IN $countries "
)
_TAIL = (
    "ORDER BY a.uid, x.uid "
    # one row per priority: the counts per column, the first partners' keys, the sources
    "WITH a, collect([column, size(keys)]) AS tally, "
    "reduce(acc = [0, []], g IN collect([x, keys]) | CASE WHEN acc[0] >= $sample THEN acc "
    "ELSE [acc[0] + size(g[1]), acc[1] + [g]] END)[1] AS taken, "
    "collect(cited) AS citeds "
    # the counts per column, summed here: one row per column, not one per partner
    "CALL (tally) { UNWIND tally AS cell WITH cell[0] AS column, sum(cell[1]) AS evidence, "
    "count(*) AS partners RETURN collect([column, evidence, partners]) AS cells } "
    "CALL (citeds) { UNWIND citeds AS of_partner UNWIND of_partner AS of_key "
    "UNWIND of_key AS source RETURN collect(DISTINCT source) AS cited } "
    "CALL (a, taken) { UNWIND taken AS g UNWIND g[1] AS key UNWIND key[3] AS alt "
    "WITH g[0] AS x, key[0] AS kind, key[1] AS c, key[2] AS l, alt[0] AS pr, alt[1] AS t, "
    "alt[2] AS al, alt[3] AS lo, alt[4] AS hi "
    "RETURN collect([a.uid, kind, x.uid, c.uid, elementId(l), elementId(pr), t.uid, "
    "elementId(al), lo, hi]) AS rows, "
    "collect(DISTINCT x) + collect(DISTINCT c) + collect(DISTINCT t) AS nodes, "
    "collect(DISTINCT l) + collect(DISTINCT pr) + collect(DISTINCT al) AS rels } "
    "RETURN a.uid AS priority, cells, cited, rows, "
    "[n IN nodes + [a] | properties(n)] AS nodes, "
    f"[r IN rels | {REL_MAP}] AS rels"
)
#: Priorities per statement: small enough that the batches share the server's cores evenly
#: (``Neo4jStore.read_parallelism``; at synthetic full scale 50 gave 14.6 s, 200 16.3 s).
COVERAGE_BATCH = 50
#: The statement per kind of column.
COVERAGE: dict[Column, str] = {
    "country": _CHAINS + "WITH a, x, country AS column, keys, cited " + _TAIL,
    "region": _CHAINS + _REGION + "WITH a, x, region AS column, keys, cited " + _TAIL,
}


def _tally(record: Any) -> PriorityTally:
    cells: dict[str | None, tuple[int, int]] = {
        column: (evidence, partners) for column, evidence, partners in record["cells"]
    }
    return PriorityTally(
        priority=record["priority"],
        cells=cells,
        evidence=sum(evidence for evidence, _ in cells.values()),
        partners=sum(partners for _, partners in cells.values()),
        sample=chains_of(record),
    )


def coverage_counts(
    store: Neo4jStore,
    priorities: Collection[str] | None,
    window: Window,
    *,
    aligned: bool,
    by: Column,
    partners: Collection[str] | None,
    countries: Collection[str] | None,
    sample: int,
) -> CoverageCounts:
    """:meth:`GraphStore.coverage_counts` on Neo4j (see the module docstring)."""
    if priorities is None:
        every = [record["uid"] for record in store._read(PRIORITY_UIDS)]
    else:
        every = sorted(set(priorities))
    tallies: dict[str, PriorityTally] = {}
    sources: set[str] = set()
    batches = [
        {"asked": every[i : i + COVERAGE_BATCH]} for i in range(0, len(every), COVERAGE_BATCH)
    ]
    found = store._read_batches(
        COVERAGE[by],
        batches,
        aligned=aligned,
        partners=PARTNERS,
        within=None if partners is None else sorted(partners),
        countries=None if countries is None else sorted(countries),
        sample=sample,
        **window_params(window),
    )
    for record in (record for records in found for record in records):
        tally = _tally(record)
        tallies[tally.priority] = tally
        sources.update(record["cited"])
    return CoverageCounts(tallies, frozenset(sources))
