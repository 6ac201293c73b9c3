"""Partner rows into the keep.eu import's graph: entity resolution, the organisations (or
existing nodes) they become, the NUTS regions and Polish gminy these are located in, and one
participation per organisation and project."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from partnergraph.errors import DataIssue
from partnergraph.ingest.keep_eu_build import Builder, project_of, props
from partnergraph.ingest.keep_eu_ids import iso_country, short_hash, slug
from partnergraph.ingest.keep_eu_rows import Partner, rows_text
from partnergraph.ingest.nuts_editions import bundled_crosswalk
from partnergraph.ingest.resolve import Mention, resolve
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.text import fold

__all__ = ["Progress", "build_partners"]

Progress = Callable[[str, int, int], None]


def build_partners(
    builder: Builder,
    partners: list[Partner],
    source_of: dict[str, str],
    project_websites: set[str],
    progress: Progress | None,
) -> None:
    targets: list[str] = []
    for partner in partners:
        project_uid = project_of(builder, partner)
        if project_uid is None:
            builder.issues.append(
                DataIssue(
                    partner.where.shown or partner.where.file,
                    partner.where.line,
                    None,
                    f"unknown project: no projects row with programme {partner.programme!r} "
                    f"and acronym {partner.acronym!r} in this import or in the graph",
                    field="Acronym",
                    value=partner.acronym,
                    sheet=partner.where.sheet,
                )
            )
        targets.append(project_uid or "")
    if builder.issues:
        return
    if progress:
        progress("resolving organisations", 0, len(partners))
    mentions = [
        Mention(
            name=p.name,
            country=p.country,
            city=p.town or None,
            pic=p.pic or None,
            vat=p.vat or None,
            other_names=p.other_names,
            origin=str(p.where),
            project=target,
        )
        for p, target in zip(partners, targets, strict=True)
    ]
    resolution = resolve(mentions, builder.context.known, decisions=builder.context.decisions)
    builder.review.extend(resolution.review)
    builder.stats.update(resolution.stats)
    if progress:
        progress("resolving organisations", len(partners), len(partners))
    _build_regions(builder, partners, source_of)
    known = {k.uid: k for k in builder.context.known}
    taken: set[str] = set(builder.context.labels)
    municipality_index = _municipality_index(builder.context.municipalities)
    actor_of: list[str] = [""] * len(partners)
    # Several groups can turn out to be the same node of the graph ("Pomorskie Region" and
    # "Marshal's Office of the Pomorskie Voivodeship" are both nuts:PL63): one node each.
    members_of: dict[str, list[int]] = {}
    for group_index, members in enumerate(resolution.groups):
        uid = resolution.known.get(group_index)
        if uid is None:
            uid = _new_org_uid([partners[m] for m in members], taken)
            builder.stats["organisations created"] += 1
        elif uid not in members_of:
            label = known[uid].label.value
            builder.stats[f"partners that are {label} nodes already in the graph"] += 1
        taken.add(uid)
        members_of.setdefault(uid, []).extend(members)
    display: dict[str, str] = {}
    for uid, members in members_of.items():
        group = [partners[m] for m in sorted(members)]
        for member in members:
            actor_of[member] = uid
        label = known[uid].label if uid in known else NodeLabel.ORGANISATION
        display[uid] = known[uid].names[0] if uid in known else _representative(group)
        _add_actor(builder, uid, label, group, source_of, project_websites, municipality_index)
    builder.stats["partner mentions merged into another by resolution"] = len(partners) - len(
        members_of
    )
    _add_participations(builder, partners, actor_of, targets, source_of, display)


def _new_org_uid(group: list[Partner], taken: set[str]) -> str:
    pics = sorted({p.pic for p in group if p.pic})
    if pics:
        candidate = f"org:pic-{slug(pics[0])}"
        if candidate not in taken:
            return candidate
    name = _representative(group)
    country = group[0].country or "xx"
    base = slug(f"{name} {country}")[:80].strip("-") or f"org-{short_hash(name)}"
    candidate = f"org:{base}"
    if candidate in taken:
        town = Counter(p.town for p in group if p.town).most_common(1)
        if town:
            candidate = f"org:{base}-{slug(town[0][0])[:30].strip('-')}"
    if candidate in taken:
        candidate = f"org:{base}-{short_hash(str(group[0].where))}"
    return candidate


def _representative(group: list[Partner]) -> str:
    """The most frequent spelling; ties go to the first seen."""
    counts = Counter(p.name for p in group)
    best = max(counts.values())
    return next(p.name for p in group if counts[p.name] == best)


def _municipality_index(municipalities: list[Node]) -> dict[str, list[Node]]:
    index: dict[str, list[Node]] = defaultdict(list)
    for node in municipalities:
        if not node.uid.startswith("teryt:"):
            continue
        names = {fold(node.name), fold(node.name_en or "")}
        aliases = node.properties.get("aliases")
        if isinstance(aliases, list):
            names.update(fold(alias) for alias in aliases)
        for name in names - {""}:
            index[name].append(node)
    return index


_TOWN_PREFERENCE = ("miejska", "miejsko-wiejska", "wiejska")


def _gmina_of(town: str, index: dict[str, list[Node]]) -> Node | None:
    """The gmina a Polish town is in, when its name says so unambiguously: the urban gmina
    of that name, else the urban-rural one, else the rural one; None on any tie."""
    candidates = index.get(fold(town), [])
    for gmina_type in _TOWN_PREFERENCE:
        typed = [n for n in candidates if n.properties.get("gmina_type") == gmina_type]
        if len(typed) == 1:
            return typed[0]
        if len(typed) > 1:
            return None
    return None


def _add_actor(
    builder: Builder,
    uid: str,
    label: NodeLabel,
    group: list[Partner],
    source_of: dict[str, str],
    project_websites: set[str],
    municipality_index: dict[str, list[Node]],
) -> None:
    sources = tuple(sorted({source_of[p.where.file] for p in group}))
    rows = rows_text(p.where for p in group)
    name = _representative(group)
    names: list[str] = []
    for partner in group:
        for spelling in (partner.name, *partner.other_names):
            if spelling != name and spelling not in names:
                names.append(spelling)
    first = str(group[0].where)
    if label == NodeLabel.ORGANISATION:
        countries = Counter(p.country for p in group if p.country)
        towns = Counter(p.town for p in group if p.town)
        kinds = Counter(p.kind for p in group if p.kind and fold(p.kind) not in ("n/a", "n.a."))
        websites = [p.website for p in group if p.website and p.website not in project_websites]
        partner_ids = sorted({p.partner_id for p in group if p.partner_id})
        vats = sorted({p.vat for p in group if p.vat})
        pics = sorted({p.pic for p in group if p.pic})
        kind = kinds.most_common(1)[0][0] if kinds else None
        properties = props(
            kind=kind.lower() if kind and kind.lower() in ("public", "private") else kind,
            country=countries.most_common(1)[0][0] if countries else None,
            city=towns.most_common(1)[0][0] if towns else None,
            aliases=names,
            pic=pics[0] if pics else None,
            vat=vats[0] if vats else None,
            website=websites[0] if websites else None,
            note=("keep.eu partner id " + ", ".join(partner_ids)) if partner_ids else None,
            source_row=rows,
        )
    elif label == NodeLabel.MUNICIPALITY:
        properties = props(aliases=[name, *names], source_row=rows)
    else:
        properties = props(source_row=rows)
    builder.add_node(
        Node(uid=uid, label=label, name=name, sources=sources, properties=properties), first
    )
    if label == NodeLabel.MUNICIPALITY and uid.startswith("town:"):
        _place_town(builder, uid, group, sources, rows)
    if label != NodeLabel.ORGANISATION:
        return
    _locate(builder, uid, group, sources, rows, municipality_index)


def _place_town(
    builder: Builder, uid: str, group: list[Partner], sources: tuple[str, ...], rows: str
) -> None:
    """A foreign town the graph knows only by its country (``town:SE:kalmar``) gets the NUTS
    region the rows give it, when that region is in the town's own country: without it the
    town is in no region, and region questions (Kalmar län's projects) miss its projects.
    Polish gminy are placed by TERYT, never by keep.eu's NUTS cells."""
    regions = Counter(p.nuts[-1][0] for p in group if p.nuts)
    if not regions:
        return
    code = regions.most_common(1)[0][0]
    code = builder.nuts_successor.get(code, code)
    if iso_country(code[:2]) != uid.split(":")[1]:
        return
    builder.add_edge(
        Edge(
            type=RelType.PART_OF,
            source=uid,
            target=f"nuts:{code}",
            sources=sources,
            properties=props(source_row=rows),
        ),
        str(group[0].where),
    )
    builder.stats["foreign towns placed in their NUTS region"] += 1


def _locate(
    builder: Builder,
    uid: str,
    group: list[Partner],
    sources: tuple[str, ...],
    rows: str,
    municipality_index: dict[str, list[Node]],
) -> None:
    first = str(group[0].where)
    regions = Counter(p.nuts[-1][0] for p in group if p.nuts)
    if regions:
        code = regions.most_common(1)[0][0]
        builder.add_edge(
            Edge(
                type=RelType.LOCATED_IN,
                source=uid,
                target=f"nuts:{builder.nuts_successor.get(code, code)}",
                sources=sources,
                properties=props(source_row=rows),
            ),
            first,
        )
    towns = Counter(p.town for p in group if p.town and p.country == "PL")
    if towns:
        gmina = _gmina_of(towns.most_common(1)[0][0], municipality_index)
        if gmina is not None:
            builder.add_edge(
                Edge(
                    type=RelType.LOCATED_IN,
                    source=uid,
                    target=gmina.uid,
                    sources=sources,
                    properties=props(source_row=rows),
                ),
                first,
            )
            builder.stats["organisations located in a Polish gmina (TERYT)"] += 1


def _build_regions(builder: Builder, partners: list[Partner], source_of: dict[str, str]) -> None:
    """Region nodes for NUTS codes the graph lacks, named as in the export, each PART_OF its
    parent found by code prefix (``PL633`` → ``PL63`` → ``PL6`` → ``country:PL``), not by the
    row's other columns, which keep.eu occasionally gets wrong.

    An old-edition code that Eurostat only recoded becomes its NUTS 2021 code (one region, one
    node); one whose territory changed keeps its own node, noting its edition and successor
    (:mod:`partnergraph.ingest.nuts_editions`)."""
    crosswalk = bundled_crosswalk()
    seen: dict[str, tuple[Counter[str], Partner]] = {}
    old_codes: dict[str, set[str]] = defaultdict(set)
    for partner in partners:
        for raw, label in partner.nuts:
            code = crosswalk.successor(raw)
            if code != raw:
                builder.nuts_successor[raw] = code
                old_codes[code].add(raw)
            names, _ = seen.setdefault(code, (Counter(), partner))
            if label:
                names[label] += 1
    for raw, code in sorted(builder.nuts_successor.items()):
        change = crosswalk.get(raw)
        given = change.edition if change else "older"
        builder.notes.append(f"NUTS {raw} (NUTS {given}) is {code} in NUTS 2021 (recoded)")
    if builder.nuts_successor:
        builder.stats["NUTS codes translated to NUTS 2021 (recoded)"] = len(builder.nuts_successor)
    created: set[str] = set()
    for code in sorted(seen):
        uid = f"nuts:{code}"
        known = builder.context.regions.get(uid)
        if known is not None:
            if old_codes.get(code):
                # the graph's region, found under an older code too: keep that code as an
                # alias (merged onto the curated node), so a search for LT003 finds LT023
                first = seen[code][1]
                builder.add_node(
                    Node(
                        uid=uid,
                        label=NodeLabel.REGION,
                        name=known.name,
                        sources=(source_of[first.where.file],),
                        properties=props(aliases=sorted(old_codes[code])),
                    ),
                    str(first.where),
                )
            continue
        if builder.context.labels.get(uid, NodeLabel.REGION) != NodeLabel.REGION:
            continue  # plan_changes reports the label clash
        names, first = seen[code]
        change = crosswalk.get(code)
        edition: str | None = None
        if change is not None:
            # territory changed: kept apart, saying what replaced it
            edition, note = change.edition, change.note()
            builder.stats["NUTS codes kept from an older edition (territory changed)"] += 1
        elif old_codes.get(code):
            edition = "2021"
            note = "keep.eu gives it as " + ", ".join(sorted(old_codes[code]))
            note += " (older NUTS edition, recoded by Eurostat)"
        else:
            note = "NUTS edition not stated in the keep.eu export"
        builder.add_node(
            Node(
                uid=uid,
                label=NodeLabel.REGION,
                name=names.most_common(1)[0][0] if names else code,
                sources=(source_of[first.where.file],),
                properties=props(
                    country=iso_country(code[:2]),
                    nuts_code=code,
                    nuts_level=len(code) - 2,
                    nuts_edition=edition,
                    aliases=sorted(old_codes[code]) if old_codes.get(code) else None,
                    note=note,
                    source_row=str(first.where),
                ),
            ),
            str(first.where),
        )
        created.add(uid)
        builder.stats["regions created (NUTS)"] += 1
    for uid in sorted(created):
        code = uid.removeprefix("nuts:")
        parent = f"nuts:{code[:-1]}" if len(code) > 3 else f"country:{iso_country(code[:2])}"
        if parent not in created and parent not in builder.context.labels:
            continue
        first = seen[code][1]
        builder.add_edge(
            Edge(
                type=RelType.PART_OF,
                source=uid,
                target=parent,
                sources=(source_of[first.where.file],),
                properties=props(source_row=str(first.where)),
            ),
            str(first.where),
        )


def _add_participations(
    builder: Builder,
    partners: list[Partner],
    actor_of: list[str],
    targets: list[str],
    source_of: dict[str, str],
    display: dict[str, str],
) -> None:
    """One PARTICIPATES_IN per (actor, project); the note keeps the name the row used when
    it differs from the node's (``display``)."""
    rank = {"lead": 2, "partner": 1, "associated": 0}
    gathered: dict[tuple[str, str], list[Partner]] = defaultdict(list)
    for partner, actor, project in zip(partners, actor_of, targets, strict=True):
        gathered[(actor, project)].append(partner)
    for (actor, project), rows in gathered.items():
        if len(rows) > 1:
            builder.stats["partner rows merged: same organisation twice in a project"] += (
                len(rows) - 1
            )
        role = max((p.role for p in rows), key=lambda r: rank[r])
        budgets = [p.budget for p in rows if p.budget is not None]
        as_written = sorted({p.name for p in rows if p.name != display[actor]})
        erdf = [p.erdf for p in rows if p.erdf is not None]
        notes = []
        if as_written:
            notes.append("listed as " + "; ".join(as_written))
        if erdf:
            notes.append(f"ERDF contribution {sum(erdf):,.2f} EUR")
        builder.add_edge(
            Edge(
                type=RelType.PARTICIPATES_IN,
                source=actor,
                target=project,
                sources=tuple(sorted({source_of[p.where.file] for p in rows})),
                properties=props(
                    role=role,
                    budget_eur=round(sum(budgets), 2) if budgets else None,
                    note=". ".join(notes) or None,
                    source_row=rows_text(p.where for p in rows),
                ),
            ),
            str(rows[0].where),
        )
        builder.stats["participations"] += 1
