"""Writing the whole graph out: JSON Lines, GraphML (via NetworkX), and neo4j-admin import CSV
(graph/admin_export.py)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph import cypher
from graph.schema import KEY_OF
from graph.store import GraphStore
from loaders.files import atomic_writer

PAGE = 5000


@dataclass(frozen=True, slots=True)
class Exported:
    files: list[Path]
    command: str | None = None  # what to run next with them (neo4j-admin: the import)


def _pages(store: GraphStore, query: str) -> Iterator[dict[str, Any]]:
    skip = 0
    while True:
        rows = store.read(query, {"skip": skip, "limit": PAGE})
        yield from rows
        if len(rows) < PAGE:
            return
        skip += PAGE


def _node_id(label: str, props: dict[str, Any]) -> str:
    return f"{label}:{props.get(KEY_OF.get(label, ''), '')}"


def nodes(store: GraphStore) -> Iterator[tuple[str, dict[str, Any]]]:
    for row in _pages(store, cypher.ALL_NODES):
        yield row["label"], dict(row["props"])


def relationships(store: GraphStore) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(type, from node id, to node id, properties)."""
    for row in _pages(store, cypher.ALL_RELATIONSHIPS):
        yield (
            row["type"],
            _node_id(row["from_label"], row["from_props"]),
            _node_id(row["to_label"], row["to_props"]),
            dict(row["props"] or {}),
        )


def export_jsonl(store: GraphStore, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    node_path, rel_path = directory / "nodes.jsonl", directory / "relationships.jsonl"
    with atomic_writer(node_path) as fh:
        for label, props in nodes(store):
            fh.write(json.dumps({"id": _node_id(label, props), "label": label, **props}, ensure_ascii=False) + "\n")
    with atomic_writer(rel_path) as fh:
        for rtype, a, b, props in relationships(store):
            fh.write(json.dumps({"type": rtype, "from": a, "to": b, **props}, ensure_ascii=False) + "\n")
    return [node_path, rel_path]


def _scalar(value: Any) -> Any:
    """GraphML takes scalars: lists become JSON text (None is left out by the caller)."""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def export_graphml(store: GraphStore, directory: Path) -> list[Path]:
    import networkx as nx

    directory.mkdir(parents=True, exist_ok=True)
    graph = nx.MultiDiGraph()
    for label, props in nodes(store):
        graph.add_node(
            _node_id(label, props), label=label, **{k: _scalar(v) for k, v in props.items() if v is not None}
        )
    for rtype, a, b, props in relationships(store):
        graph.add_edge(a, b, type=rtype, **{k: _scalar(v) for k, v in props.items() if v is not None})
    path = directory / "graph.graphml"
    with atomic_writer(path) as fh:
        fh.write("<?xml version='1.0' encoding='utf-8'?>\n")  # as nx.write_graphml puts it
        for line in nx.generate_graphml(graph):
            fh.write(line + "\n")
    return [path]


def _neo4j_admin(store: GraphStore, directory: Path) -> Exported:
    from graph.admin_export import export_neo4j_admin

    written = export_neo4j_admin(store, directory)
    return Exported(written.files, written.command)


def _files(export: Callable[[GraphStore, Path], list[Path]]) -> Callable[[GraphStore, Path], Exported]:
    return lambda store, directory: Exported(export(store, directory))


EXPORTERS: dict[str, Callable[[GraphStore, Path], Exported]] = {
    "jsonl": _files(export_jsonl),
    "graphml": _files(export_graphml),
    "neo4j-admin": _neo4j_admin,
}
