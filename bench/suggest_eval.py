"""Do partner suggestions predict who actually teams up next? A held-out evaluation.

The graph is the bundled data plus the real keep.eu export of closed Interreg 2014–2020
projects, imported into a memory store as ``partnergraph import keep`` does. Every project
that started on or after the cut-off (default 2018-01-01) is removed with its relationships:
that is the training graph. An actor's *held-out new partners* are the actors it took part
with in a removed project and had no tie to in the training graph (no shared project,
agreement or membership). For every actor with at least one held-out new partner and at
least one training tie (a seeded sample of at most ``--max-actors``), three rankings of ten
are computed on the training graph, on the cut-off day:

- ``ours``: ``suggest_partners`` as shipped (score of shared priorities, Adamic–Adar,
  recency and programme area; suspended, ended and inactive candidates left out);
- ``common neighbours``: the same partners-of-partners, by number of common partners
  (then uid);
- ``random``: ten of those partners-of-partners drawn with a seeded generator, and ten of
  all actors not yet connected.

precision@10 = hits / 10 and recall@10 = hits / (held-out new partners), averaged over the
actors. ``ceiling`` is the recall a perfect ranking of the partners-of-partners could reach.

    .venv/bin/python bench/suggest_eval.py [--keep FILE] [--max-actors 300] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.loader import load_directory
from partnergraph.ingest.workspace import import_keep
from partnergraph.model import ACTOR_LABELS, Edge, Node, NodeLabel, RelType
from partnergraph.queries.projection import CarrierIndex, carrier_index
from partnergraph.queries.suggest import suggest_partners
from partnergraph.settings import Settings, default_data_dir

__all__ = [
    "Evaluation",
    "evaluate",
    "held_out",
    "load_with_keep",
    "main",
    "split",
]

KEEP = Path("/work/shared/research/real-files/keep_closed_1420.xlsx")
CUTOFF = dt.date(2018, 1, 1)
K = 10


def load_with_keep(keep: Path, data: Path | None = None) -> MemoryStore:
    """The bundled data plus ``keep``, imported as ``partnergraph import keep`` does (into a
    throw-away workspace)."""
    store = MemoryStore()
    load_directory(store, data or default_data_dir())
    with tempfile.TemporaryDirectory() as home:
        import_keep(store, Settings(home=Path(home)), [keep])
    return store


def _removed(nodes: Iterable[Node], cutoff: dt.date) -> set[str]:
    day = cutoff.isoformat()
    return {
        n.uid
        for n in nodes
        if n.label == NodeLabel.PROJECT and n.valid_from is not None and n.valid_from >= day
    }


def split(store: GraphStore, cutoff: dt.date = CUTOFF) -> tuple[MemoryStore, dict[str, list[str]]]:
    """The training graph (projects started on or after ``cutoff`` removed, with their
    relationships) and the removed projects' participants (project uid → actor uids)."""
    graph = store.to_networkx()
    nodes: list[Node] = [data for _, data in graph.nodes(data="node")]
    edges: list[Edge] = [data for _, _, data in graph.edges(data="edge")]
    removed = _removed(nodes, cutoff)
    participants: dict[str, list[str]] = {uid: [] for uid in sorted(removed)}
    for e in edges:
        if e.type == RelType.PARTICIPATES_IN and e.target in removed:
            participants[e.target].append(e.source)
    train = MemoryStore()
    train.upsert_nodes([n for n in nodes if n.uid not in removed])
    train.upsert_edges([e for e in edges if e.source not in removed and e.target not in removed])
    return train, {p: sorted(set(a)) for p, a in participants.items()}


def held_out(
    participants: Mapping[str, Sequence[str]], index: CarrierIndex, actors: set[str]
) -> dict[str, set[str]]:
    """For each actor, its held-out new partners: co-participants in a removed project it had
    no tie to in the training graph."""
    found: dict[str, set[str]] = {}
    for members in participants.values():
        for a in members:
            if a not in actors:
                continue
            ties = index.neighbours(a)
            for b in members:
                if b != a and b in actors and b not in ties:
                    found.setdefault(a, set()).add(b)
    return found


def _pool(store: GraphStore, index: CarrierIndex, actor: str) -> tuple[set[str], dict[str, int]]:
    """What suggestions start from: the actors already connected (projection neighbours,
    direct relationships, itself) and the partners of partners with their common count."""
    mine = index.neighbours(actor)
    connected = mine | {n.node.uid for n in store.neighbours(actor)} | {actor}
    common: dict[str, int] = {}
    for z in mine:
        for c in index.neighbours(z):
            if c not in connected:
                common[c] = common.get(c, 0) + 1
    return connected, common


@dataclass
class Evaluation:
    """Mean precision@k and recall@k per method over the evaluated actors."""

    k: int
    actors: int
    eligible: int
    precision: dict[str, float] = field(default_factory=dict)
    recall: dict[str, float] = field(default_factory=dict)
    ceiling: float = 0.0
    held_out_partners: int = 0
    seconds: float = 0.0
    hits: dict[str, int] = field(default_factory=dict)


def evaluate(
    train: GraphStore,
    participants: Mapping[str, Sequence[str]],
    *,
    cutoff: dt.date = CUTOFF,
    k: int = K,
    max_actors: int = 300,
    seed: int = 7,
    progress: Callable[[int, int], None] | None = None,
) -> Evaluation:
    """Score ``ours``, ``common neighbours`` and the random baselines on ``train`` against
    the held-out co-participations (see the module docstring)."""
    started = time.perf_counter()
    index = carrier_index(train)
    actors = {n.uid for n in train.nodes() if n.label in ACTOR_LABELS}
    truth = held_out(participants, index, actors)
    eligible = sorted(a for a in truth if index.neighbours(a))
    rng = random.Random(seed)
    chosen = sorted(rng.sample(eligible, max_actors)) if len(eligible) > max_actors else eligible
    everyone = sorted(actors)
    methods = ("ours", "common neighbours", "random (partners of partners)", "random (any actor)")
    precision = dict.fromkeys(methods, 0.0)
    recall = dict.fromkeys(methods, 0.0)
    hits = dict.fromkeys(methods, 0)
    ceiling = 0.0
    for i, actor in enumerate(chosen):
        new = truth[actor]
        connected, common = _pool(train, index, actor)
        ours = [
            r.actor.uid
            for r in suggest_partners(train, actor, k=k, reference_date=cutoff, lang="en").results
        ]
        by_common = sorted(common, key=lambda c: (-common[c], c))[:k]
        pool = sorted(common)
        drawn = rng.sample(pool, min(k, len(pool)))
        anyone: list[str] = []
        while len(anyone) < min(k, len(everyone) - len(connected)):
            pick = everyone[rng.randrange(len(everyone))]
            if pick not in connected and pick not in anyone:
                anyone.append(pick)
        for method, ranked in zip(methods, (ours, by_common, drawn, anyone), strict=True):
            found = len(new & set(ranked[:k]))
            hits[method] += found
            precision[method] += found / k
            recall[method] += found / len(new)
        ceiling += len(new & common.keys()) / len(new)
        if progress is not None:
            progress(i + 1, len(chosen))
    n = max(len(chosen), 1)
    return Evaluation(
        k=k,
        actors=len(chosen),
        eligible=len(eligible),
        precision={m: round(v / n, 4) for m, v in precision.items()},
        recall={m: round(v / n, 4) for m, v in recall.items()},
        ceiling=round(ceiling / n, 4),
        held_out_partners=sum(len(truth[a]) for a in chosen),
        seconds=round(time.perf_counter() - started, 1),
        hits=hits,
    )


def markdown(result: Evaluation) -> str:
    lines = [
        f"| method | precision@{result.k} | recall@{result.k} | hits |",
        "|---|---|---|---|",
    ]
    for method in result.precision:
        lines.append(
            f"| {method} | {result.precision[method]:.4f} | {result.recall[method]:.4f} "
            f"| {result.hits[method]} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, default=KEEP, help="keep.eu export (xlsx or csv)")
    parser.add_argument("--cutoff", type=dt.date.fromisoformat, default=CUTOFF)
    parser.add_argument("--max-actors", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--k", type=int, default=K)
    parser.add_argument("--json", type=Path, help="also write the result as JSON here")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    store = load_with_keep(args.keep)
    train, participants = split(store, args.cutoff)
    loaded = time.perf_counter() - started
    print(
        f"loaded and split in {loaded:.1f} s: {len(participants)} projects held out "
        f"(started on or after {args.cutoff})",
        file=sys.stderr,
    )

    def progress(done: int, total: int) -> None:
        if done % 50 == 0 or done == total:
            print(f"  {done}/{total} actors", file=sys.stderr)

    result = evaluate(
        train,
        participants,
        cutoff=args.cutoff,
        k=args.k,
        max_actors=args.max_actors,
        seed=args.seed,
        progress=progress,
    )
    print(
        f"{result.actors} actors evaluated (of {result.eligible} eligible), "
        f"{result.held_out_partners} held-out new partners; ceiling recall@{result.k} of "
        f"partners-of-partners {result.ceiling:.4f}; {result.seconds} s"
    )
    print(markdown(result))
    if args.json:
        args.json.write_text(json.dumps(result.__dict__, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
