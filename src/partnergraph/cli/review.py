"""``partnergraph review list|accept|reject IMPORT …``: a person's answers to review pairs.

Entity resolution leaves uncertain pairs unmerged and lists them in the import's review file
(docs/ingest.md). An answer is written to ``<PARTNERGRAPH_HOME>/decisions/<import>.csv``;
the next ``partnergraph import keep`` under that name applies them all: accepted pairs are
one organisation, rejected pairs never are.
"""

from __future__ import annotations

from typing import Annotated

import typer

from partnergraph.cli._common import (
    JsonOpt,
    app,
    folding_table,
    out,
    print_json,
    reported,
    settings_for,
)
from partnergraph.ingest.resolve_model import decision_key
from partnergraph.ingest.workspace import (
    read_decisions,
    read_review,
    record_decision,
)

review_app = typer.Typer(
    help="Answer the uncertain name pairs an import left unmerged; the next import applies "
    "the answers.",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")

ImportArg = Annotated[str, typer.Argument(help="Name of the import (partnergraph imports)")]
LeftArg = Annotated[str, typer.Argument(help="The left name of the pair, as in the review file")]
RightArg = Annotated[
    str,
    typer.Argument(help="The right name of the pair, as in the review file, or a node's uid"),
]


@review_app.command("list")
def list_pairs(name: ImportArg, as_json: JsonOpt = False) -> None:
    """List the pairs an import left for review, with any answer already given."""
    with reported():
        home = settings_for().home
        decisions = read_decisions(home, name)
        rows = []
        for row in read_review(home, name):
            right = row.get("right_uid") or row["right"]
            sides = ([row["left"]], [row["right"], right])
            if decisions.is_rejected(*sides):
                answer = "rejected"
            elif {decision_key(n) for n in sides[1]} & decisions.partners(row["left"]):
                answer = "accepted"
            else:
                answer = ""
            rows.append({**row, "decision": answer})
        if as_json:
            print_json(rows)
            return
        table = folding_table("left", "right", "country", "score", "reason", "decision")
        for row in rows:
            right = row["right"] + (f" ({row['right_uid']})" if row.get("right_uid") else "")
            table.add_row(
                row["left"], right, row["country"], row["score"], row["reason"], row["decision"]
            )
        out.print(table)
        out.print(f"{len(rows)} pairs", highlight=False)


@review_app.command("accept")
def accept(name: ImportArg, left: LeftArg, right: RightArg) -> None:
    """The two are one organisation: the next import merges them."""
    _decide(name, left, right, accept=True)


@review_app.command("reject")
def reject(name: ImportArg, left: LeftArg, right: RightArg) -> None:
    """The two are different organisations: no import merges them."""
    _decide(name, left, right, accept=False)


def _decide(name: str, left: str, right: str, *, accept: bool) -> None:
    with reported():
        path = record_decision(settings_for().home, name, left, right, accept)
        verb = "accepted" if accept else "rejected"
        out.print(
            f"{verb}: {left!r} / {right!r}; applied at the next "
            f"'partnergraph import keep … --name {name}' ({path})",
            highlight=False,
        )
