"""Running canned and ad-hoc Cypher on a store: parameters always as Cypher parameters, never in the
text; ad-hoc Cypher must be read-only (checked here, and again by the backend's read-only mode).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from graph.store import GraphStore
from loaders.errors import QueryError
from queries.packs import Query, get

# string literals, quoted names and comments: what a write keyword may appear in without writing
_INERT = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_WRITE = re.compile(
    r"(?<![\w.$:])(DETACH\s+DELETE|CREATE|MERGE|SET|DELETE|REMOVE|DROP|FOREACH|LOAD\s+CSV|ALTER|GRANT|REVOKE|DENY)\b",
    re.I,
)
_CALL = re.compile(r"(?<![\w.$:])CALL\s+([A-Za-z_][\w.]*)", re.I)
# procedures that only read (Neo4j and FalkorDB both have these)
READ_PROCEDURES = frozenset(
    {"db.labels", "db.relationshiptypes", "db.propertykeys", "db.indexes", "db.constraints", "db.schema.visualization"}
)


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: list[str]
    rows: list[dict[str, Any]]


def refuse_writes(text: str) -> None:
    """QueryError when `text` would write: a write clause, or a CALL of a procedure not known to read."""
    code = _INERT.sub(" ", text)
    found = _WRITE.search(code)
    if found:
        clause = " ".join(found.group(1).upper().split())
        raise QueryError(f"refused: {clause} writes; `query run --cypher` runs read-only Cypher only")
    for call in _CALL.finditer(code):
        if call.group(1).lower() not in READ_PROCEDURES:
            raise QueryError(
                f"refused: CALL {call.group(1)} is not a known read-only procedure "
                f"(allowed: {', '.join(sorted(READ_PROCEDURES))})"
            )


def _result(rows: list[dict[str, Any]], columns: tuple[str, ...] | list[str] = ()) -> QueryResult:
    names = list(rows[0]) if rows else list(columns)
    return QueryResult(names, rows)


def run_query(store: GraphStore, query: Query | str, params: dict[str, str] | None = None) -> QueryResult:
    """A canned query with command-line parameter values (typed and defaulted by its header)."""
    q = get(query) if isinstance(query, str) else query
    bound = q.bind(params or {})
    return _result(store.read_only(q.cypher, bound), q.returns)


def run_cypher(store: GraphStore, text: str, params: dict[str, Any] | None = None) -> QueryResult:
    """Ad-hoc Cypher, refused when it writes; parameters (strings from the command line) passed as such."""
    if not text.strip():
        raise QueryError("--cypher is empty")
    refuse_writes(text)
    return _result(store.read_only(text, params or {}))
