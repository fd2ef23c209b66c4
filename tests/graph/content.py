"""A graph's whole content as comparable text: what the equality tests of ingest and remove compare."""

from __future__ import annotations

import json

from graph.export import nodes, relationships
from graph.store import GraphStore


def _text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def graph_content(store: GraphStore) -> tuple[list[str], list[str]]:
    """Every node and relationship with its properties (as the export writes them), sorted; ingest times
    left out."""
    found = [_text([label, {k: v for k, v in props.items() if k != "ingested_at"}]) for label, props in nodes(store)]
    rels = [_text(list(rel)) for rel in relationships(store)]
    return sorted(found), sorted(rels)
