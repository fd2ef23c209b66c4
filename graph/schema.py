"""The graph schema, declared once: labels, keys, relationship types, indexes.

Every backend creates these on first use; keys are derived from content (see loaders/records.py).
"""

from __future__ import annotations

from dataclasses import dataclass

# 2: departments NAMED_IN their sources, CITES edges with how they name what they cite (recorded on Source)
# 3: RESPONSIBLE_FOR.position (printed order), Task.part, Indicator.owner and owner_kind
SCHEMA_VERSION = 3


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
    "NAMED_IN": ("Department", "Source"),  # {names, known}: how a source names a department; it lives while one does
}

LABELS = tuple(n.label for n in NODES)
KEY_OF = {n.label: n.key for n in NODES}
