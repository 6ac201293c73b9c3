"""What the keep.eu importer knows about the graph it imports into: :class:`StoreContext`,
read from the store, with the graph's organisations, regions and gminy as resolution
candidates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from partnergraph.graph.store import GraphStore
from partnergraph.ingest.keep_eu_ids import iso_country
from partnergraph.ingest.resolve import Decisions, Known
from partnergraph.model import Node, NodeLabel

__all__ = ["StoreContext"]


@dataclass
class StoreContext:
    """What the importer needs to know about the graph it imports into."""

    programmes: list[Node] = field(default_factory=list)
    known: list[Known] = field(default_factory=list)
    #: a person's answers to earlier review pairs of this import (``partnergraph review``)
    decisions: Decisions = field(default_factory=Decisions)
    regions: dict[str, Node] = field(default_factory=dict)
    municipalities: list[Node] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    projects: set[str] = field(default_factory=set)
    priorities: list[Node] = field(default_factory=list)
    sources: dict[str, Node] = field(default_factory=dict)
    labels: dict[str, NodeLabel] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: GraphStore, *, ignore_sources: Iterable[str] = ()) -> StoreContext:
        """Read the graph; nodes cited only by ``ignore_sources`` (an earlier version of this
        same import) are left out, so an updated import does not resolve against itself."""
        ignored = set(ignore_sources)
        context = cls()

        def wanted(node: Node) -> bool:
            return not (node.sources and set(node.sources) <= ignored)

        for node in store.nodes():
            if node.label == NodeLabel.SOURCE:
                context.sources[node.uid] = node
                context.labels[node.uid] = node.label
                continue
            if not wanted(node):
                continue
            context.labels[node.uid] = node.label
            match node.label:
                case NodeLabel.PROGRAMME:
                    context.programmes.append(node)
                case NodeLabel.COUNTRY:
                    context.countries.add(node.uid.removeprefix("country:"))
                case NodeLabel.PROJECT:
                    context.projects.add(node.uid)
                case NodeLabel.PRIORITY:
                    context.priorities.append(node)
                case NodeLabel.REGION:
                    context.regions[node.uid] = node
                    context.known.append(_known(node))
                case NodeLabel.MUNICIPALITY:
                    context.municipalities.append(node)
                    context.known.append(_known(node))
                case NodeLabel.ORGANISATION:
                    context.known.append(_known(node))
        return context


def _known(node: Node) -> Known:
    props = node.properties
    aliases = props.get("aliases")
    names = [node.name, node.name_en or ""]
    if isinstance(aliases, list):
        names.extend(aliases)
    country = props.get("country")
    city = props.get("city")
    gmina_type = props.get("gmina_type")
    return Known(
        uid=node.uid,
        label=node.label,
        names=tuple(name for name in names if name),
        country=iso_country(str(country)) if isinstance(country, str) else None,
        city=city if isinstance(city, str) else None,
        pic=str(props["pic"]) if "pic" in props else None,
        vat=str(props["vat"]) if "vat" in props else None,
        gmina_type=gmina_type if isinstance(gmina_type, str) else None,
    )
