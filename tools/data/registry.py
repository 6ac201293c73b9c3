"""In-memory collection of nodes, edges and sources, written out as the CSV files of data/.

The build scripts add facts here; every fact names at least one source id, and a fact added
twice merges its sources instead of duplicating the row. Writing is deterministic (rows sorted
by uid / by edge identity, columns in a fixed order) so that a rebuild gives a clean diff.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from source_meta import RESEARCH_DATE_NOTE, TITLES, kind_of_url

from partnergraph.model import EDGE_PROPERTIES, NODE_PROPERTIES, NodeLabel, RelType
from partnergraph.text import slugify

__all__ = ["NODE_FILES", "Registry"]

NODE_FILES: dict[NodeLabel, str] = {
    NodeLabel.COUNTRY: "countries",
    NodeLabel.REGION: "regions",
    NodeLabel.COUNTY: "counties",
    NodeLabel.MUNICIPALITY: "municipalities",
    NodeLabel.ORGANISATION: "organisations",
    NodeLabel.NETWORK: "networks",
    NodeLabel.STRATEGY: "strategies",
    NodeLabel.PROGRAMME: "programmes",
    NodeLabel.PRIORITY: "priorities",
    NodeLabel.PROJECT: "projects",
    NodeLabel.AGREEMENT: "agreements",
}
_COMMON_NODE = ["uid", "name", "name_en", "valid_from", "valid_to"]
_COMMON_EDGE = ["from", "to", "key", "valid_from", "valid_to"]
_SOURCE_COLUMNS = [
    "id",
    "title",
    "kind",
    "url",
    "document",
    "retrieved",
    "confidence",
    "licence",
    "note",
]
_ID = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "|".join(str(v) for v in value)
    return str(value)


class Registry:
    """Nodes per label, edges per type, sources by id; everything keyed so re-adding merges."""

    def __init__(self, retrieved: str) -> None:
        #: default ``retrieved`` date: the research notes' date (never the build date); a
        #: source using it says so in its note
        self.retrieved = retrieved
        self.sources: dict[str, dict[str, str]] = {}
        self._url_ids: dict[str, str] = {}
        self.nodes: dict[NodeLabel, dict[str, dict[str, Any]]] = {lab: {} for lab in NODE_FILES}
        self.edges: dict[RelType, dict[tuple[str, str, str], dict[str, Any]]] = {
            rel: {} for rel in RelType
        }
        self.labels: dict[str, NodeLabel] = {}

    # --- sources -------------------------------------------------------------------------
    def source(
        self,
        sid: str,
        title: str,
        *,
        url: str = "",
        document: str = "",
        confidence: str = "verified",
        licence: str = "",
        note: str = "",
        retrieved: str | None = None,
        kind: str = "",
    ) -> str:
        if not _ID.fullmatch(sid):
            raise ValueError(f"bad source id {sid!r}")
        if bool(url) == bool(document):
            raise ValueError(f"source {sid}: give exactly one of url/document")
        if not kind:
            if confidence == "inferred":
                kind = "derived"
            elif url:
                kind = kind_of_url(url)
            elif sid.startswith("seed-"):
                kind = "primary"  # the bodies' own texts (Pomorskie, the association)
            else:
                raise ValueError(f"source {sid}: give the kind of a document source")
        if kind == "mirror" and confidence == "verified":
            confidence = "unverified"  # a copy on a file-sharing site or wiki mirror
        if not retrieved:
            retrieved = self.retrieved
            note = f"{note} {RESEARCH_DATE_NOTE}".strip()
        if re.fullmatch(r"[\w.-]+\.[a-z]{2,}: [a-z0-9 ]+", title):
            raise ValueError(f"source {sid}: title looks like a URL fragment: {title!r}")
        row = {
            "id": sid,
            "title": title,
            "kind": kind,
            "url": url,
            "document": document,
            "retrieved": retrieved,
            "confidence": confidence,
            "licence": licence,
            "note": note,
        }
        old = self.sources.get(sid)
        if old is not None and old != row:
            raise ValueError(f"source {sid} defined twice differently")
        self.sources[sid] = row
        if url:
            self._url_ids.setdefault(url, sid)
        return sid

    def url(
        self, url: str, title: str = "", *, note: str = "", retrieved: str | None = None
    ) -> str:
        """Register a web page read by the research notes (verified unless a mirror)."""
        url = url.strip()
        if url in self._url_ids:
            return self._url_ids[url]
        title = TITLES.get(url, title)
        host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0].split(":")[0]
        rest = url.split(host, 1)[1] if host in url else url
        base = slugify(host.rsplit(".", 1)[0])[:24].strip("-")
        tail = slugify(re.sub(r"%[0-9A-Fa-f]{2}", "", rest))[:40].strip("-")
        sid = f"web-{base}-{tail}".strip("-") if tail else f"web-{base}"
        sid = re.sub(r"-+", "-", sid)
        n = 2
        candidate = sid
        while candidate in self.sources:
            candidate = f"{sid}-{n}"
            n += 1
        if not title:
            raise ValueError(f"{url}: give the page's title (tools/data/source_meta.py TITLES)")
        return self.source(candidate, title, url=url, note=note, retrieved=retrieved)

    def urls(self, text: str) -> list[str]:
        """Source ids for a research-notes cell holding URLs separated by ' ; ' or '; '."""
        parts = re.split(r"\s*;\s+(?=https?://)|\s+;\s+", text)
        return [self.url(p) for p in parts if p.strip().startswith("http")]

    # --- nodes and edges -----------------------------------------------------------------
    def node(self, label: NodeLabel, uid: str, name: str, sources: list[str], **props: Any) -> str:
        if not sources:
            raise ValueError(f"{uid}: no source")
        allowed = set(NODE_PROPERTIES[label]) | {"name_en", "valid_from", "valid_to"}
        unknown = set(props) - allowed
        if unknown:
            raise ValueError(f"{uid}: unknown properties {sorted(unknown)}")
        known = self.labels.get(uid)
        if known is not None and known != label:
            raise ValueError(f"{uid} used as {known} and {label}")
        self.labels[uid] = label
        row = self.nodes[label].get(uid)
        if row is None:
            row = {"uid": uid, "name": name, "sources": []}
            self.nodes[label][uid] = row
        for sid in sources:
            if sid not in row["sources"]:
                row["sources"].append(sid)
        for key, value in props.items():
            if value in (None, "", []):
                continue
            if key in row and row[key] != value:
                if key in ("note", "aliases"):
                    if key == "aliases":
                        row[key] = sorted(set(row[key]) | set(value))
                    elif value not in row[key]:
                        row[key] = f"{row[key]} {value}"
                    continue
                raise ValueError(f"{uid}: {key} {row[key]!r} vs {value!r}")
            row[key] = value
        return uid

    def edge(
        self,
        rel: RelType,
        frm: str,
        to: str,
        sources: list[str],
        key: str = "",
        **props: Any,
    ) -> None:
        if not sources:
            raise ValueError(f"{rel} {frm}->{to}: no source")
        allowed = set(EDGE_PROPERTIES[rel]) | {"valid_from", "valid_to"}
        unknown = set(props) - allowed
        if unknown:
            raise ValueError(f"{rel} {frm}->{to}: unknown properties {sorted(unknown)}")
        ident = (frm, to, key)
        row = self.edges[rel].get(ident)
        if row is None:
            row = {"from": frm, "to": to, "key": key, "sources": []}
            self.edges[rel][ident] = row
        for sid in sources:
            if sid not in row["sources"]:
                row["sources"].append(sid)
        for k, value in props.items():
            if value in (None, ""):
                continue
            if k in row and row[k] != value:
                if k == "note":
                    if value not in row[k]:
                        row[k] = f"{row[k]} {value}"
                    continue
                raise ValueError(f"{rel} {frm}->{to}: {k} {row[k]!r} vs {value!r}")
            row[k] = value

    # --- output --------------------------------------------------------------------------
    def check(self) -> list[str]:
        """Dangling references and unknown source ids, as messages (empty when clean)."""
        problems = []
        for label, rows in self.nodes.items():
            for row in rows.values():
                problems += [
                    f"{label} {row['uid']}: unknown source {s}"
                    for s in row["sources"]
                    if s not in self.sources
                ]
        for rel, edges in self.edges.items():
            for row in edges.values():
                for end in ("from", "to"):
                    if row[end] not in self.labels:
                        problems.append(f"{rel} {row['from']}->{row['to']}: unknown {row[end]}")
                problems += [
                    f"{rel} {row['from']}->{row['to']}: unknown source {s}"
                    for s in row["sources"]
                    if s not in self.sources
                ]
        return problems

    def write(self, out: Path) -> dict[str, int]:
        (out / "nodes").mkdir(parents=True, exist_ok=True)
        (out / "edges").mkdir(parents=True, exist_ok=True)
        counts: dict[str, int] = {}
        for label, stem in NODE_FILES.items():
            rows = [self.nodes[label][uid] for uid in sorted(self.nodes[label])]
            path = out / "nodes" / f"{stem}.csv"
            if not rows:
                path.unlink(missing_ok=True)
                continue
            own = list(NODE_PROPERTIES[label])
            columns = [c for c in _COMMON_NODE + own if any(c in r for r in rows)]
            columns = ["uid", "name", *[c for c in columns if c not in ("uid", "name")]]
            self._write(path, [*columns, "sources"], rows)
            counts[f"nodes/{stem}.csv"] = len(rows)
        for rel in RelType:
            rows = sorted(self.edges[rel].values(), key=lambda r: (r["from"], r["to"], r["key"]))
            path = out / "edges" / f"{rel.value.lower()}.csv"
            if not rows:
                path.unlink(missing_ok=True)
                continue
            own = list(EDGE_PROPERTIES[rel])
            columns = [
                c for c in _COMMON_EDGE + own if c in ("from", "to") or any(r.get(c) for r in rows)
            ]
            self._write(path, [*columns, "sources"], rows)
            counts[f"edges/{path.name}"] = len(rows)
        srows = [self.sources[sid] for sid in sorted(self.sources)]
        self._write(out / "sources.csv", _SOURCE_COLUMNS, srows)
        counts["sources.csv"] = len(srows)
        return counts

    @staticmethod
    def _write(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow([_cell(row.get(c)) for c in columns])
