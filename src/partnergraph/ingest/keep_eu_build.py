"""Building the keep.eu import's graph: the :class:`Builder` that collects nodes, edges and
issues, programmes (matched to the graph's own by period and name words), priorities, the
files' sources and the projects. Partners are built by
:mod:`partnergraph.ingest.keep_eu_actors`."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from partnergraph.errors import DataIssue
from partnergraph.ingest.keep_eu_context import StoreContext
from partnergraph.ingest.keep_eu_ids import SPLIT_WORDS, short_hash, slug
from partnergraph.ingest.keep_eu_rows import (
    PRIORITY_KINDS,
    Partner,
    Project,
    Where,
    priority_parts,
    rows_text,
)
from partnergraph.ingest.priority_match import KnownPriorities
from partnergraph.ingest.resolve import ReviewPair
from partnergraph.model import Edge, Node, NodeLabel, PropValue, RelType
from partnergraph.text import fold

__all__ = ["Builder", "add_sources", "build_projects", "project_of", "props"]


class Builder:
    """Turns parsed rows into nodes and edges, collecting issues instead of raising."""

    def __init__(self, context: StoreContext, today: dt.date) -> None:
        self.context = context
        self.today = today
        self.issues: list[DataIssue] = []
        self.nodes: dict[str, Node] = {}
        self.edges: dict[str, Edge] = {}
        self.origins: dict[str, str] = {}
        self.stats: Counter[str] = Counter()
        self.notes: list[str] = []
        self.review: list[ReviewPair] = []
        self.programme_uids: dict[str, str] = {}
        self.project_uids: dict[tuple[str, str], str] = {}
        self.priority_names: dict[str, str] = {}
        self.known_priorities = KnownPriorities(context.priorities)
        #: old NUTS code → its NUTS 2021 code, for codes only recoded (set by _build_regions)
        self.nuts_successor: dict[str, str] = {}

    def add_node(self, node: Node, where: str) -> None:
        self.nodes[node.uid] = node
        self.origins.setdefault(node.uid, where)

    def add_edge(self, edge: Edge, where: str) -> None:
        self.edges[edge.id] = edge
        self.origins.setdefault(edge.id, where)

    # programmes ---------------------------------------------------------------------------

    def programme(self, text: str, period: str, source: str, where: Where) -> str:
        if text in self.programme_uids:
            return self.programme_uids[text]
        existing = _match_programme(text, period, self.context.programmes)
        if existing is not None:
            uid = existing.uid
            self.stats["programmes matched to the graph"] += 1
            self.notes.append(f"programme {text!r} is {uid}, already in the graph")
        else:
            uid = f"programme:{slug(text) or 'p-' + short_hash(text)}"
            self.stats["programmes created"] += 1
        self.add_node(
            Node(
                uid=uid,
                label=NodeLabel.PROGRAMME,
                name=text,
                sources=(source,),
                properties=props(period=period or _period_of(text), source_row=str(where)),
            ),
            str(where),
        )
        self.programme_uids[text] = uid
        return uid

    # priorities ---------------------------------------------------------------------------

    def priority(self, programme_uid: str, kind: str, text: str, source: str, where: Where) -> str:
        prefix, label = PRIORITY_KINDS[kind]
        code_text, name = priority_parts(kind, text)
        programme_slug = programme_uid.split(":", 1)[1]
        known = self.known_priorities.match(programme_slug, name or text)
        if known is not None:
            # the graph's own node for this priority, with its alignments (priority_match)
            self.stats["priority cells matched to the graph's priorities"] += 1
            return known
        if code_text:
            code = f"{prefix}-{slug(code_text).replace('-', '.') or short_hash(text)}"
        else:
            code = f"{prefix}-{short_hash(fold(text), 8)}"
        uid = f"priority:{programme_slug}:{code}"
        if self.priority_names.setdefault(uid, name) != name:
            uid = f"{uid}-{short_hash(fold(text))}"
            self.priority_names.setdefault(uid, name)
        if uid not in self.nodes:
            self.add_node(
                Node(
                    uid=uid,
                    label=NodeLabel.PRIORITY,
                    name=name or text,
                    sources=(source,),
                    properties=props(
                        code=f"{label} {code_text}".strip() if code_text else label,
                        note=f"{label} of the programme, as exported by keep.eu",
                        source_row=str(where),
                    ),
                ),
                str(where),
            )
            self.add_edge(
                Edge(
                    type=RelType.DEFINES,
                    source=programme_uid,
                    target=uid,
                    sources=(source,),
                    properties=props(source_row=str(where)),
                ),
                str(where),
            )
        return uid


_PERIOD = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")


def _period_of(text: str) -> str:
    match = _PERIOD.search(text)
    return f"{match.group(1)}-{match.group(2)}" if match else ""


_PROGRAMME_NOISE_WORDS = (
    "interreg programme program cooperation co operation cross border crossborder cbc "
    "transnational v a b c va vb vc iv iiia iiib iiic ipa eni region the of and"
)
_PROGRAMME_NOISE = frozenset(_PROGRAMME_NOISE_WORDS.split())


def _programme_words(text: str) -> frozenset[str]:
    words = SPLIT_WORDS.split(fold(_PERIOD.sub(" ", text)))
    return frozenset(word for word in words if word and word not in _PROGRAMME_NOISE)


def _match_programme(text: str, period: str, programmes: Sequence[Node]) -> Node | None:
    """The graph's programme of the same period whose name has the same words once
    "Interreg", "V-A", "Programme" and the like are dropped, or else the only one whose words
    are all in the export's name ("Interreg South Baltic" in "… Lithuania - Sweden (South
    Baltic)"); None unless exactly one fits."""
    wanted_period = period or _period_of(text)
    words = _programme_words(text)
    if not words or not wanted_period:
        return None
    same: list[Node] = []
    within: list[Node] = []
    for node in programmes:
        node_period = str(node.properties.get("period") or "") or _period_of(node.name)
        if node_period.replace("–", "-").replace(" ", "") != wanted_period.replace(" ", ""):
            continue
        names = [_programme_words(name) for name in (node.name, node.name_en or "") if name]
        if any(name == words for name in names):
            same.append(node)
        elif any(name and name < words for name in names):
            within.append(node)
    if same:
        return same[0] if len(same) == 1 else None
    return within[0] if len(within) == 1 else None


def props(**values: PropValue | None) -> dict[str, PropValue]:
    return {key: value for key, value in values.items() if value not in (None, "", [])}


def add_sources(builder: Builder, files: list[dict[str, str]], context: StoreContext) -> None:
    for info in files:
        uid = f"source:{info['source']}"
        note = (
            f"keep.eu export imported with partnergraph; sha256 {info['sha256']}; "
            f"{info['projects_rows']} project rows, {info['partners_rows']} partner rows"
        )
        retrieved = builder.today.isoformat()
        existing = context.sources.get(uid)
        if existing is not None and existing.properties.get("note") == note:
            retrieved = str(existing.properties.get("retrieved") or retrieved)
        builder.add_node(
            Node(
                uid=uid,
                label=NodeLabel.SOURCE,
                name=f"keep.eu export {info['file']}",
                sources=(info["source"],),
                properties=props(
                    document=info["file"],
                    retrieved=retrieved,
                    confidence="unverified",
                    note=note,
                ),
            ),
            info["file"],
        )


def build_projects(builder: Builder, projects: list[Project], source_of: dict[str, str]) -> None:
    merged: dict[tuple[str, str], Project] = {}
    for project in projects:
        key = (project.programme, project.project_id or project.acronym)
        first = merged.get(key)
        if first is None:
            merged[key] = project
            continue
        if first.signature() != project.signature():
            differing = [
                label
                for label, a, b in zip(
                    (
                        "project id",
                        "period",
                        "names",
                        "start",
                        "end",
                        "budget",
                        "EU funding",
                        "website",
                        "priorities",
                        "themes",
                        "call",
                    ),
                    first.signature(),
                    project.signature(),
                    strict=True,
                )
                if a != b
            ]
            where = project.where[0]
            builder.issues.append(
                DataIssue(
                    where.shown or where.file,
                    where.line,
                    None,
                    f"duplicate project {project.acronym!r} of {project.programme!r}, first at "
                    f"{first.where[0]}, with different {', '.join(differing)}",
                    field="Acronym",
                    value=project.acronym,
                    sheet=where.sheet,
                )
            )
            continue
        first.where.extend(project.where)
        first.leads.extend(lead for lead in project.leads if lead not in first.leads)
        builder.stats["duplicate project rows merged (one project, several lead partners)"] += 1

    # uids: acronym slugs, made unique within a programme
    slugs: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for (programme, ident), project in merged.items():
        uid = builder.programme(
            programme, project.period, source_of[project.where[0].file], project.where[0]
        )
        acronym_slug = slug(project.acronym) or f"p-{short_hash(project.acronym)}"
        slugs[(uid, acronym_slug)].append((programme, ident))
    for (programme_uid, acronym_slug), keys in slugs.items():
        for programme, ident in keys:
            project = merged[(programme, ident)]
            unique = acronym_slug
            if len(keys) > 1:
                unique = f"{acronym_slug}-{slug(project.project_id) or short_hash(project.acronym)}"
                builder.stats["acronyms made unique with a suffix"] += 1
            builder.project_uids[(programme, ident)] = (
                f"project:{programme_uid.split(':', 1)[1]}:{unique}"
            )
            if project.project_id:
                builder.project_uids.setdefault(
                    (programme, project.acronym), builder.project_uids[(programme, ident)]
                )
    for (programme, ident), project in merged.items():
        _add_project(builder, project, builder.project_uids[(programme, ident)], source_of)


def _add_project(builder: Builder, project: Project, uid: str, source_of: dict[str, str]) -> None:
    where = project.where[0]
    source = source_of[where.file]
    programme_uid = builder.programme_uids[project.programme]
    rows = rows_text(project.where)
    note_parts = []
    if project.eu_funding is not None:
        note_parts.append(f"EU funding {project.eu_funding:,.2f} EUR")
    if project.themes:
        note_parts.append("keep.eu themes: " + "; ".join(project.themes))
    if project.leads:
        note_parts.append("lead partner as listed: " + "; ".join(project.leads))
    if project.call:
        note_parts.append(f"call {project.call}")
    if project.dates_note:
        note_parts.append(project.dates_note)
    name = project.names[0] if project.names else project.acronym
    builder.add_node(
        Node(
            uid=uid,
            label=NodeLabel.PROJECT,
            name=name,
            name_en=project.names[0] if project.names and project.names[0] != name else None,
            sources=(source,),
            valid_from=project.start,
            valid_to=project.end,
            properties=props(
                acronym=project.acronym,
                budget_eur=project.budget,
                keep_id=project.project_id or None,
                website=project.website,
                note=". ".join(note_parts),
                source_row=rows,
            ),
        ),
        str(where),
    )
    builder.stats["projects"] += 1
    builder.add_edge(
        Edge(
            type=RelType.FUNDED_BY,
            source=uid,
            target=programme_uid,
            sources=(source,),
            properties=props(source_row=rows),
        ),
        str(where),
    )
    for kind, text in project.priorities:
        priority_uid = builder.priority(programme_uid, kind, text, source, where)
        builder.add_edge(
            Edge(
                type=RelType.ADDRESSES,
                source=uid,
                target=priority_uid,
                sources=(source,),
                properties=props(source_row=rows),
            ),
            str(where),
        )


def project_of(builder: Builder, partner: Partner) -> str | None:
    for ident in (partner.project_id, partner.acronym):
        if ident and (partner.programme, ident) in builder.project_uids:
            return builder.project_uids[(partner.programme, ident)]
    # a project imported earlier (partners-only file): same uid rule, must exist in the graph
    programme = _match_programme(partner.programme, "", builder.context.programmes)
    programme_uid = programme.uid if programme else f"programme:{slug(partner.programme) or 'x'}"
    uid = f"project:{programme_uid.split(':', 1)[1]}:{slug(partner.acronym) or 'x'}"
    return uid if uid in builder.context.projects else None
