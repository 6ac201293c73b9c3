"""Reader and validator of the curated CSV format described in ``data/README.md``.

It reads a whole directory, checks every row and every cross-reference, and either returns a
:class:`Dataset` ready to write or raises one :class:`DataError` listing every problem found:
an editor fixing a spreadsheet wants all the errors at once, not one per run.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from partnergraph.errors import ConfigError, DataError, DataIssue
from partnergraph.gcpause import gc_paused
from partnergraph.ingest.values import (
    LIST_SEPARATOR,
    ValueProblem,
    parse_value,
    period_end,
    period_start,
)
from partnergraph.model import (
    EDGE_ENDPOINTS,
    EDGE_PROPERTIES,
    ENUM_VALUES,
    NODE_PROPERTIES,
    Edge,
    Node,
    NodeLabel,
    PropType,
    PropValue,
    RelType,
    uid_problem,
)

__all__ = [
    "FILE_LABELS",
    "Dataset",
    "Record",
    "read_csv_records",
    "read_dataset",
    "typed_cell",
]

#: Node file name (before the first dot) → label.
FILE_LABELS: dict[str, NodeLabel] = {
    "countries": NodeLabel.COUNTRY,
    "regions": NodeLabel.REGION,
    "counties": NodeLabel.COUNTY,
    "municipalities": NodeLabel.MUNICIPALITY,
    "organisations": NodeLabel.ORGANISATION,
    "networks": NodeLabel.NETWORK,
    "strategies": NodeLabel.STRATEGY,
    "programmes": NodeLabel.PROGRAMME,
    "priorities": NodeLabel.PRIORITY,
    "projects": NodeLabel.PROJECT,
    "agreements": NodeLabel.AGREEMENT,
}
SOURCE_COLUMNS = {
    "id": PropType.STR,
    "title": PropType.STR,
    "kind": PropType.STR,
    "url": PropType.STR,
    "document": PropType.STR,
    "retrieved": PropType.DATE,
    "confidence": PropType.STR,
    "licence": PropType.STR,
    "note": PropType.STR,
}
NODE_COMMON = {"uid", "name", "name_en", "sources", "valid_from", "valid_to"}
EDGE_COMMON = {"from", "to", "key", "sources", "valid_from", "valid_to"}


@dataclass(frozen=True)
class Record:
    """One data row with where it came from."""

    file: str
    line: int
    header: tuple[str, ...]
    cells: dict[str, str]

    def issue(self, column: str | None, message: str, value: str | None = None) -> DataIssue:
        index = self.header.index(column) + 1 if column in self.header else None
        return DataIssue(self.file, self.line, index, message, field=column, value=value)


@dataclass
class Dataset:
    """Validated nodes and edges, plus where each came from (file:line) for later messages."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)


def read_csv_records(
    path: Path,
    display: str,
    issues: list[DataIssue],
    check_header: Callable[[tuple[str, ...]], bool] | None = None,
) -> Iterator[Record]:
    """Yield the records of a UTF-8 CSV file; structural problems go to ``issues``.

    ``check_header`` sees the header first; when it returns False no record is read, because
    rows under a wrong header would only add noise to the real problem.
    """
    raw = path.read_bytes()
    if b"\x00" in raw:
        issues.append(
            DataIssue(display, None, None, "binary content (NUL bytes); expected a CSV text file")
        )
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        issues.append(
            DataIssue(
                display, line, None, f"not valid UTF-8 at byte {exc.start}; save the file as UTF-8"
            )
        )
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        issues.append(DataIssue(display, 1, None, "empty file; expected a header row"))
        return
    except csv.Error as exc:
        issues.append(DataIssue(display, 1, None, f"unreadable header: {exc}"))
        return
    header = [name.strip() for name in header]
    seen: set[str] = set()
    for index, name in enumerate(header, start=1):
        if not name:
            issues.append(DataIssue(display, 1, index, "empty column name in the header"))
        elif name in seen:
            issues.append(DataIssue(display, 1, index, "column appears twice", field=name))
        seen.add(name)
    if check_header is not None and not check_header(tuple(header)):
        return
    previous = reader.line_num
    try:
        for row in reader:
            start, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                issues.append(
                    DataIssue(
                        display,
                        start,
                        None,
                        f"{len(row)} cells; expected {len(header)} like the header",
                    )
                )
                continue
            cells = {name: cell.strip() for name, cell in zip(header, row, strict=True)}
            yield Record(display, start, tuple(header), cells)
    except csv.Error as exc:
        issues.append(DataIssue(display, reader.line_num, None, f"broken CSV: {exc}"))


def typed_cell(
    record: Record, column: str, kind: PropType, owner: str, issues: list[DataIssue]
) -> PropValue | None:
    """One cell parsed as ``kind`` and checked against ``owner``'s enumerations; None when the
    cell is empty or wrong (then the problem is in ``issues``). Shared by every CSV reader."""
    text = record.cells.get(column, "")
    if not text:
        return None
    try:
        value = parse_value(text, kind)
    except ValueProblem as problem:
        issues.append(record.issue(column, str(problem), text))
        return None
    allowed = ENUM_VALUES.get((owner, column))
    if allowed is not None and value not in allowed:
        issues.append(record.issue(column, f"expected one of {', '.join(sorted(allowed))}", text))
        return None
    return value


class _Reader:
    """Collects issues while reading one directory; every check appends, nothing raises early."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.issues: list[DataIssue] = []
        self.source_ids: set[str] = set()
        self.dataset = Dataset()
        self.labels: dict[str, NodeLabel] = {}
        self.edge_records: list[tuple[Record, Edge]] = []

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.directory.parent))
        except ValueError:
            return str(path)

    def check_columns(
        self, path: Path, header: tuple[str, ...], allowed: set[str], required: set[str]
    ) -> bool:
        ok = True
        for name in sorted(required - set(header)):
            self.issues.append(
                DataIssue(self.display(path), 1, None, "required column is missing", field=name)
            )
            ok = False
        for index, name in enumerate(header, start=1):
            if name and name not in allowed:
                self.issues.append(
                    DataIssue(
                        self.display(path),
                        1,
                        index,
                        f"unknown column; expected some of: {', '.join(sorted(allowed))}",
                        field=name,
                    )
                )
                ok = False
        return ok

    def records(self, path: Path, allowed: set[str], required: set[str]) -> Iterator[Record]:
        yield from read_csv_records(
            path,
            self.display(path),
            self.issues,
            lambda header: self.check_columns(path, header, allowed, required),
        )

    def typed(self, record: Record, spec: dict[str, PropType], owner: str) -> dict[str, PropValue]:
        values: dict[str, PropValue] = {}
        for column, kind in spec.items():
            value = typed_cell(record, column, kind, owner, self.issues)
            if value is not None:
                values[column] = value
        return values

    def sources_of(self, record: Record) -> tuple[str, ...]:
        text = record.cells.get("sources", "")
        ids = tuple(item.strip() for item in text.split(LIST_SEPARATOR) if item.strip())
        if not ids:
            self.issues.append(record.issue("sources", "every fact needs at least one source id"))
        for source_id in ids:
            if source_id not in self.source_ids:
                self.issues.append(
                    record.issue("sources", "unknown source id; add it to sources.csv", source_id)
                )
        return ids

    def validity(self, record: Record) -> tuple[str | None, str | None]:
        start_text, end_text = record.cells.get("valid_from", ""), record.cells.get("valid_to", "")
        start = end = None
        try:
            start = period_start(start_text) if start_text else None
        except ValueProblem as problem:
            self.issues.append(record.issue("valid_from", str(problem), start_text))
        try:
            end = period_end(end_text) if end_text else None
        except ValueProblem as problem:
            self.issues.append(record.issue("valid_to", str(problem), end_text))
        if start and end and start > end:
            self.issues.append(
                record.issue(
                    "valid_to", f"ends before it starts ({start_text} > {end_text})", end_text
                )
            )
        return start, end

    # -- sources ---------------------------------------------------------------------------

    def read_sources(self) -> None:
        path = self.directory / "sources.csv"
        if not path.is_file():
            self.issues.append(
                DataIssue(
                    self.display(path), None, None, "missing: every dataset needs sources.csv"
                )
            )
            return
        for record in self.records(
            path, set(SOURCE_COLUMNS), {"id", "title", "retrieved", "confidence"}
        ):
            source_id = record.cells.get("id", "")
            problem = uid_problem(NodeLabel.SOURCE, f"source:{source_id}")
            if problem:
                self.issues.append(
                    record.issue("id", "expected lower case letters, digits, '.' or '-'", source_id)
                )
                continue
            if source_id in self.source_ids:
                self.issues.append(record.issue("id", "duplicate source id", source_id))
                continue
            values = self.typed(record, SOURCE_COLUMNS, NodeLabel.SOURCE.value)
            for column in ("title", "retrieved", "confidence"):
                if not record.cells.get(column):
                    self.issues.append(record.issue(column, "required value is empty"))
            if not record.cells.get("url") and not record.cells.get("document"):
                self.issues.append(record.issue("url", "a source needs a url or a document"))
            self.source_ids.add(source_id)
            title = str(values.pop("title", source_id))
            values.pop("id", None)
            self.add_node(
                record,
                Node(
                    uid=f"source:{source_id}",
                    label=NodeLabel.SOURCE,
                    name=title,
                    sources=(source_id,),
                    properties=values,
                ),
            )

    def add_node(self, record: Record, node: Node) -> None:
        if node.uid in self.labels:
            self.issues.append(
                record.issue(
                    "uid",
                    f"duplicate uid, first defined at {self.dataset.origins[node.uid]}",
                    node.uid,
                )
            )
            return
        self.labels[node.uid] = node.label
        self.dataset.origins[node.uid] = f"{record.file}:{record.line}"
        self.dataset.nodes.append(node)

    # -- nodes -----------------------------------------------------------------------------

    def read_nodes(self) -> None:
        for path in sorted((self.directory / "nodes").glob("*.csv")):
            stem = path.name.split(".", 1)[0]
            label = FILE_LABELS.get(stem)
            if label is None:
                self.issues.append(
                    DataIssue(
                        self.display(path),
                        None,
                        None,
                        "unknown node file; expected one of "
                        + ", ".join(f"{name}.csv" for name in FILE_LABELS),
                    )
                )
                continue
            spec = NODE_PROPERTIES[label]
            for record in self.records(path, NODE_COMMON | set(spec), {"uid", "name", "sources"}):
                self.read_node(record, label, spec)

    def read_node(self, record: Record, label: NodeLabel, spec: dict[str, PropType]) -> None:
        uid, name = record.cells.get("uid", ""), record.cells.get("name", "")
        problem = uid_problem(label, uid)
        if problem:
            self.issues.append(record.issue("uid", problem, uid))
        if not name:
            self.issues.append(record.issue("name", "required value is empty"))
        sources = self.sources_of(record)
        start, end = self.validity(record)
        properties = self.typed(record, spec, label.value)
        if problem or not name:
            return
        self.add_node(
            record,
            Node(
                uid=uid,
                label=label,
                name=name,
                name_en=record.cells.get("name_en") or None,
                sources=sources,
                valid_from=start,
                valid_to=end,
                properties=properties,
            ),
        )

    # -- edges -----------------------------------------------------------------------------

    def read_edges(self) -> None:
        for path in sorted((self.directory / "edges").glob("*.csv")):
            stem = path.name.split(".", 1)[0]
            try:
                rel_type = RelType(stem.upper())
            except ValueError:
                names = ", ".join(f"{t.value.lower()}.csv" for t in RelType)
                self.issues.append(
                    DataIssue(
                        self.display(path),
                        None,
                        None,
                        f"unknown edge file; expected one of {names}",
                    )
                )
                continue
            spec = EDGE_PROPERTIES[rel_type]
            for record in self.records(path, EDGE_COMMON | set(spec), {"from", "to", "sources"}):
                sources = self.sources_of(record)
                start, end = self.validity(record)
                properties = self.typed(record, spec, rel_type.value)
                source, target = record.cells.get("from", ""), record.cells.get("to", "")
                for column, uid in (("from", source), ("to", target)):
                    if not uid:
                        self.issues.append(record.issue(column, "required value is empty"))
                if source and target:
                    edge = Edge(
                        type=rel_type,
                        source=source,
                        target=target,
                        key=record.cells.get("key", ""),
                        sources=sources,
                        valid_from=start,
                        valid_to=end,
                        properties=properties,
                    )
                    self.edge_records.append((record, edge))

    def check_edges(self) -> None:
        """Cross-file checks, once every node is known."""
        seen: dict[str, str] = {}
        for record, edge in self.edge_records:
            ok = True
            allowed_from, allowed_to = EDGE_ENDPOINTS[edge.type]
            for column, uid, allowed in (
                ("from", edge.source, allowed_from),
                ("to", edge.target, allowed_to),
            ):
                label = self.labels.get(uid)
                if label is None:
                    self.issues.append(
                        record.issue(column, "refers to a node that is not in the dataset", uid)
                    )
                    ok = False
                elif label not in allowed:
                    expected = ", ".join(sorted(a.value for a in allowed))
                    self.issues.append(
                        record.issue(
                            column,
                            f"{edge.type.value} cannot {'start' if column == 'from' else 'end'} at "
                            f"a {label.value}; expected {expected}",
                            uid,
                        )
                    )
                    ok = False
            where = f"{record.file}:{record.line}"
            if edge.id in seen:
                self.issues.append(
                    record.issue(
                        "key",
                        f"duplicate relationship, first at {seen[edge.id]}; "
                        "give each period its own key",
                        edge.key or None,
                    )
                )
                ok = False
            seen.setdefault(edge.id, where)
            if ok:
                self.dataset.edges.append(edge)
                self.dataset.origins[edge.id] = where


@gc_paused()  # a keep.eu-sized dataset is millions of objects, none garbage
def read_dataset(directory: Path) -> Dataset:
    """Read and validate a curated dataset directory; raise DataError listing every problem."""
    if not directory.is_dir():
        raise ConfigError(f"{directory} is not a directory; expected a dataset folder like data/")
    reader = _Reader(directory)
    reader.read_sources()
    reader.read_nodes()
    reader.read_edges()
    reader.check_edges()
    if reader.issues:
        raise DataError(reader.issues)
    return reader.dataset
