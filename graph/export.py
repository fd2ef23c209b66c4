"""Writing the whole graph out: JSON Lines, GraphML (via NetworkX), and neo4j-admin import CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph import cypher
from graph.schema import KEY_OF
from graph.store import GraphStore
from loaders.files import atomic_writer

PAGE = 5000


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
    """GraphML and CSV take scalars: lists become JSON text, None is left out."""
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


def export_neo4j_admin(store: GraphStore, directory: Path) -> list[Path]:
    """One nodes CSV per label (`key:ID(Label)`, `:LABEL`) and one relationships CSV per type, ready for
    `neo4j-admin database import full --nodes=… --relationships=…`."""
    directory.mkdir(parents=True, exist_ok=True)
    by_label: dict[str, list[dict[str, Any]]] = {}
    for label, props in nodes(store):
        by_label.setdefault(label, []).append(props)
    written: list[Path] = []
    for label, rows in by_label.items():
        key = KEY_OF[label]
        columns = sorted({k for r in rows for k in r if k != key})
        path = directory / f"nodes_{label}.csv"
        with atomic_writer(path, newline="") as fh:
            out = csv.writer(fh)
            out.writerow([f"{key}:ID({label})", *columns, ":LABEL"])
            for r in rows:
                out.writerow([r.get(key), *(_scalar(r.get(c)) if r.get(c) is not None else "" for c in columns), label])
        written.append(path)
    by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for rtype, a, b, props in relationships(store):
        by_type.setdefault(rtype, []).append((a, b, props))
    for rtype, rels in by_type.items():
        columns = sorted({k for _, _, p in rels for k in p})
        start_label, end_label = rels[0][0].split(":", 1)[0], rels[0][1].split(":", 1)[0]
        path = directory / f"relationships_{rtype}.csv"
        with atomic_writer(path, newline="") as fh:
            out = csv.writer(fh)
            out.writerow([f":START_ID({start_label})", f":END_ID({end_label})", ":TYPE", *columns])
            for a, b, p in rels:
                out.writerow([a.split(":", 1)[1], b.split(":", 1)[1], rtype, *(_scalar(p.get(c, "")) for c in columns)])
        written.append(path)
    return written


EXPORTERS = {"jsonl": export_jsonl, "graphml": export_graphml, "neo4j-admin": export_neo4j_admin}
