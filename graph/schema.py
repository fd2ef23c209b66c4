"""The graph schema, declared once: labels, keys, relationship types, indexes.

Every backend creates these on first use; keys are derived from content (see loaders/records.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# 2: departments NAMED_IN their sources, CITES edges with how they name what they cite (recorded on Source)
# 3: RESPONSIBLE_FOR.position (printed order), Task.part, Indicator.owner and owner_kind
# 4: sources named from the folder given to ingest (corpus/a.txt), Source.root where that folder is (graph/sources.py)
SCHEMA_VERSION = 4


@dataclass(frozen=True, slots=True)
class NodeType:
    label: str
    key: str
    indexed: tuple[str, ...] = ()  # further properties looked up often


NODES: tuple[NodeType, ...] = (
    # no index on `source` or `stub`: each index costs every document write (a quarter of it), and the
    # statements that filter on them (taking a source out, listing stubs) are rare or scan few nodes
    NodeType("Document", "doc_id", ("doc_no", "title_key", "subject_key")),
    # tasks and indicators are most of the graph: an index on them costs every write (doc_id and deadline
    # indexes took 40% of a task write) and their queries start from a document or department anyway
    NodeType("Task", "task_id"),
    NodeType("Department", "department_id", ("name", "function", "jurisdiction")),
    NodeType("Indicator", "indicator_id"),
    NodeType("Jurisdiction", "name", ("level",)),
    NodeType("Source", "path", ("sha256",)),  # one per ingested file: what was read, when, its hash
    # progress reported on a task (graph/status.py): user data, named by task_id with no edge, so that no
    # ingest, rebuild or remove (which drop and write tasks again) takes it away; additive: no schema bump
    NodeType("StatusReport", "report_id", ("task_id",)),
)

RELATIONSHIPS: dict[str, tuple[str, str]] = {
    "CITES": ("Document", "Document"),  # {relation: implements | cites}
    "ISSUED_BY": ("Document", "Department"),
    "HAS_TASK": ("Document", "Task"),
    "RESPONSIBLE_FOR": ("Department", "Task"),  # {role, mention, position}
    "HAS_INDICATOR": ("Task", "Indicator"),
    "IN": ("Department", "Jurisdiction"),
    "PART_OF": ("Jurisdiction", "Jurisdiction"),
    "SUCCEEDED_BY": ("Department", "Department"),
    "FROM_SOURCE": ("Document", "Source"),
    "NAMED_IN": ("Department", "Source"),  # {names, counts, known}: how often a source prints each name
}

LABELS = tuple(n.label for n in NODES)
KEY_OF = {n.label: n.key for n in NODES}


# The type of every property, per label and relationship type: what the stores hold (tests/graph checks the
# sample graph against it) and what the neo4j-admin export writes in its headers (graph/export.py). Names
# are Neo4j's import header types; `date` and `localdatetime` are held as ISO text by the stores (the
# canned queries compare them as text, `toString` making them read the same in Neo4j after an import).
PropertyType = Literal["string", "int", "float", "boolean", "date", "localdatetime", "string[]", "int[]"]

PROPERTIES: dict[str, dict[str, PropertyType]] = {
    "Document": {
        "doc_id": "string",
        "doc_no": "string",
        "title": "string",
        "subject": "string",
        "issuer": "string",
        "date": "date",
        "doc_type": "string",
        "level": "string",
        "jurisdiction": "string",
        "source": "string",  # the Source's path (relative to its root)
        "sha256": "string",
        "span": "int[]",
        "title_key": "string",
        "subject_key": "string",
        "stub": "boolean",
    },
    "Task": {
        "task_id": "string",
        "doc_id": "string",
        "path": "string",
        "text": "string",
        "deadline": "date",
        "deadline_text": "string",
        "recurring": "boolean",
        "source": "string",
        "span": "int[]",
        "part": "string",
        # the latest progress report, copied from its StatusReport (graph/status.py)
        "status": "string",
        "reported_on": "date",
        "seen_on": "date",
    },
    "Department": {
        "department_id": "string",
        "name": "string",
        "function": "string",
        "kind": "string",
        "known": "boolean",
        "jurisdiction": "string",
        "former": "boolean",
        "reform": "string",
        "aliases": "string[]",
        # scores `report load --write-back` (and `run`) set (graph/load.py SCORE_KEYS)
        "load": "float",
        "lead": "int",
        "support": "int",
        "responsible": "int",
        "tasks": "int",
        "indicators": "int",
        "documents": "int",
        "upstream": "int",
        "degree": "float",
        "strength": "int",
        "betweenness": "float",
        "pagerank": "float",
        "community": "int",
    },
    "Indicator": {
        "indicator_id": "string",
        "text": "string",
        "value": "float",
        "value_max": "float",
        "unit": "string",
        "comparator": "string",
        "year": "int",
        "source": "string",
        "span": "int[]",
        "owner": "string",
        "owner_kind": "string",
    },
    "Jurisdiction": {"name": "string", "level": "string"},
    "Source": {
        "path": "string",
        "root": "string",
        "sha256": "string",
        "complete": "boolean",
        "documents": "int",
        "ingested_at": "localdatetime",
        "schema_version": "int",
    },
    "StatusReport": {
        "report_id": "string",
        "task_id": "string",
        "status": "string",
        "done_on": "date",
        "note": "string",
        "reporter": "string",
        "file": "string",
        "row": "int",
        "sheet": "string",
        "reported_on": "date",
        "imported_at": "localdatetime",
        "seen_on": "date",
        "latest": "boolean",
    },
    "CITES": {
        "relation": "string",
        "at": "int",
        "cited_no": "string",
        "cited_title": "string",
        "title_key": "string",
        "jurisdiction": "string",
        "level": "string",
    },
    "RESPONSIBLE_FOR": {"role": "string", "mention": "string", "position": "int"},
    "NAMED_IN": {"names": "string[]", "counts": "int[]", "known": "boolean"},
    **{
        rtype: {}
        for rtype in ("ISSUED_BY", "HAS_TASK", "HAS_INDICATOR", "IN", "PART_OF", "SUCCEEDED_BY", "FROM_SOURCE")
    },
}


def schema_statements() -> list[str]:
    """Neo4j 5 statements creating the uniqueness constraints (one per key) and indexes of NODES, each
    idempotent: what the Neo4j store runs on first use and the neo4j-admin export writes to constraints.cypher."""
    statements = []
    for node in NODES:
        statements.append(
            f"CREATE CONSTRAINT {node.label.lower()}_{node.key} IF NOT EXISTS "
            f"FOR (n:{node.label}) REQUIRE n.{node.key} IS UNIQUE"
        )
        statements += [
            f"CREATE INDEX {node.label.lower()}_{prop} IF NOT EXISTS FOR (n:{node.label}) ON (n.{prop})"
            for prop in node.indexed
        ]
    return statements
