"""The neo4j-admin export: typed CSV files for `neo4j-admin database import full`, the command that imports
them (import.sh) and the constraints and indexes to create after (constraints.cypher).

Header types come from graph/schema.py PROPERTIES, never from the cells; a value that does not fit its
declared type stops the export (StoreError) instead of reaching Neo4j as something else.
"""

from __future__ import annotations

import csv
import math
import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from graph.schema import KEY_OF, PROPERTIES, PropertyType, schema_statements
from graph.store import GraphStore
from loaders.errors import StoreError
from loaders.files import atomic_writer, write_text

# neo4j-admin's default array delimiter first; the others when an array element holds it (one per import)
ARRAY_DELIMITERS = (";", "|", "^", "~", "¦")
IMPORT_SCRIPT = "import.sh"
CONSTRAINTS_FILE = "constraints.cypher"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(slots=True)
class AdminExport:
    """What `export_neo4j_admin` wrote: the files (CSVs, import.sh, constraints.cypher) and the command."""

    files: list[Path] = field(default_factory=list)
    command: str = ""
    nodes: dict[str, int] = field(default_factory=dict)  # rows per label
    relationships: dict[str, int] = field(default_factory=dict)  # rows per type


def header_type(kind: PropertyType) -> str:
    """The header suffix of a property type (`:int`, `:string[]`); plain strings carry none."""
    return "" if kind == "string" else f":{kind}"


def _declared(name: str) -> dict[str, PropertyType]:
    try:
        return PROPERTIES[name]
    except KeyError:
        raise StoreError(f"{name}: no property types declared in graph/schema.py PROPERTIES") from None


def _columns(name: str, rows: Iterable[dict[str, Any]], skip: str | None = None) -> list[str]:
    """The properties some row holds, in their declared order; StoreError for one not declared."""
    declared = _declared(name)
    present = {k for row in rows for k, v in row.items() if v is not None and k != skip}
    unknown = sorted(present - set(declared))
    if unknown:
        raise StoreError(f"{name}.{unknown[0]}: not declared in graph/schema.py PROPERTIES (no type to export it)")
    return [k for k in declared if k in present]


def _scalar(kind: str, value: Any, where: str) -> str:
    """One value as neo4j-admin reads it for `kind` (StoreError when it is not one)."""
    ok = False
    if kind == "string":
        ok = isinstance(value, str)
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "float":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        value = repr(float(value)) if ok else value
    elif kind == "boolean":
        ok = isinstance(value, bool)
        value = ("true" if value else "false") if ok else value
    elif kind == "date":
        ok = isinstance(value, str) and bool(_ISO_DATE.fullmatch(value)) and _parses(date.fromisoformat, value)
    elif kind == "localdatetime":
        ok = isinstance(value, str) and _parses(datetime.fromisoformat, value)
    if not ok:
        raise StoreError(f"{where}: {value!r} is not a {kind} (graph/schema.py PROPERTIES)")
    return str(value)


def _parses(parse: Any, text: str) -> bool:
    try:
        parse(text)
    except ValueError:
        return False
    return True


def cell(kind: PropertyType, value: Any, delimiter: str, where: str) -> str:
    """The CSV cell of a value: "" for none (Neo4j then sets no property), arrays joined by `delimiter`."""
    if value is None:
        return ""
    if kind.endswith("[]"):
        if not isinstance(value, list):
            raise StoreError(f"{where}: {value!r} is not a list ({kind})")
        return delimiter.join(_scalar(kind[:-2], v, where) for v in value)
    return _scalar(kind, value, where)


def array_delimiter(values: Iterable[Any]) -> str:
    """The first of ARRAY_DELIMITERS no array element holds."""
    elements = [str(v) for value in values if isinstance(value, list) for v in value]
    for candidate in ARRAY_DELIMITERS:
        if not any(candidate in element for element in elements):
            return candidate
    raise StoreError(f"every array delimiter neo4j-admin could take ({' '.join(ARRAY_DELIMITERS)}) occurs in the data")


def _array_values(
    by_label: dict[str, list[dict[str, Any]]],
    by_type: dict[tuple[str, str, str], list[tuple[str, str, dict[str, Any]]]],
) -> Iterable[Any]:
    for label, rows in by_label.items():
        arrays = [k for k, kind in _declared(label).items() if kind.endswith("[]")]
        yield from (row.get(k) for row in rows for k in arrays)
    for (rtype, _, _), rels in by_type.items():
        arrays = [k for k, kind in _declared(rtype).items() if kind.endswith("[]")]
        yield from (props.get(k) for _, _, props in rels for k in arrays)


def _write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> bool:
    """Write one CSV (RFC 4180 quoting: a quote doubled inside a quoted cell, as neo4j-admin reads it);
    True when a cell holds a line break (the import then needs --multiline-fields=true)."""
    multiline = False
    with atomic_writer(path, newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(header)
        for row in rows:
            multiline = multiline or any("\n" in c or "\r" in c for c in row)
            out.writerow(row)
    return multiline


def import_command(
    node_files: list[str], relationship_files: list[str], delimiter: str, multiline: bool, database: str = "neo4j"
) -> str:
    """`neo4j-admin database import full …` for files named relative to the folder it runs in."""
    parts = ["neo4j-admin", "database", "import", "full"]
    parts += [f"--nodes={name}" for name in node_files]
    parts += [f"--relationships={name}" for name in relationship_files]
    if delimiter != ";":
        parts.append(f"--array-delimiter={delimiter}")
    if multiline:
        parts.append("--multiline-fields=true")
    parts.append(database)
    return shlex.join(parts)


def constraints_cypher() -> str:
    """constraints.cypher: graph/schema.py's constraints and indexes, one statement a line, each ending in `;`."""
    return (
        "// policygraph: uniqueness constraints and indexes (graph/schema.py), to run once after the import\n"
        "// e.g. cypher-shell -f constraints.cypher\n" + "".join(f"{s};\n" for s in schema_statements())
    )


def export_neo4j_admin(store: GraphStore, directory: Path) -> AdminExport:
    """One typed nodes CSV per label (`key:ID(Label)`, properties, `:LABEL`), one relationships CSV per type
    (`:START_ID(Label)`, `:END_ID(Label)`, `:TYPE`, properties), import.sh and constraints.cypher."""
    from graph.export import nodes, relationships

    directory.mkdir(parents=True, exist_ok=True)
    by_label: dict[str, list[dict[str, Any]]] = {}
    for label, props in nodes(store):
        by_label.setdefault(label, []).append(props)
    by_type: dict[tuple[str, str, str], list[tuple[str, str, dict[str, Any]]]] = {}
    for rtype, a, b, props in relationships(store):
        (start, a_key), (end, b_key) = a.split(":", 1), b.split(":", 1)
        by_type.setdefault((rtype, start, end), []).append((a_key, b_key, props))
    delimiter = array_delimiter(_array_values(by_label, by_type))
    result = AdminExport()
    multiline = False
    node_files: list[str] = []
    for label in sorted(by_label):
        rows, key, declared = by_label[label], KEY_OF[label], _declared(label)
        columns = _columns(label, rows, skip=key)
        path = directory / f"nodes_{label}.csv"
        multiline |= _write_csv(
            path,
            [f"{key}:ID({label})", *(c + header_type(declared[c]) for c in columns), ":LABEL"],
            (
                [
                    cell("string", r.get(key), delimiter, f"{label}.{key}"),
                    *(cell(declared[c], r.get(c), delimiter, f"{label} {r.get(key)}: {c}") for c in columns),
                    label,
                ]
                for r in rows
            ),
        )
        result.files.append(path)
        result.nodes[label] = len(rows)
        node_files.append(path.name)
    relationship_files: list[str] = []
    pairs: dict[str, int] = {}
    for rtype, _, _ in by_type:
        pairs[rtype] = pairs.get(rtype, 0) + 1
    for (rtype, start, end), rels in sorted(by_type.items()):
        declared = _declared(rtype)
        columns = _columns(rtype, (p for _, _, p in rels))
        name = f"relationships_{rtype}.csv" if pairs[rtype] == 1 else f"relationships_{rtype}_{start}_{end}.csv"
        path = directory / name
        multiline |= _write_csv(
            path,
            [f":START_ID({start})", f":END_ID({end})", ":TYPE", *(c + header_type(declared[c]) for c in columns)],
            (
                [a, b, rtype, *(cell(declared[c], p.get(c), delimiter, f"{rtype} {a}->{b}: {c}") for c in columns)]
                for a, b, p in rels
            ),
        )
        result.files.append(path)
        result.relationships[rtype] = result.relationships.get(rtype, 0) + len(rels)
        relationship_files.append(name)
    result.command = import_command(node_files, relationship_files, delimiter, multiline)
    script = f'#!/bin/sh\n# import the CSV files of this folder into Neo4j 5 (stopped); then run constraints.cypher\ncd "$(dirname "$0")" || exit 1\nexec {result.command}\n'
    result.files.append(write_text(directory / IMPORT_SCRIPT, script))
    (directory / IMPORT_SCRIPT).chmod(0o755)
    result.files.append(write_text(directory / CONSTRAINTS_FILE, constraints_cypher()))
    return result
