"""Facts about one department, one document or one citation chain, read from any store for the reports.

Plain dicts and lists; the Cypher is in graph/analytics_cypher.py. Not-found is a QueryError.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from graph import analytics_cypher as q
from graph.store import GraphStore
from loaders.errors import QueryError


def close_matches(name: str, candidates: Iterable[str | None], n: int = 5) -> str:
    """ "; close matches: a, b" of the `candidates` most like `name` (or containing it), else ""."""
    pool = sorted({c for c in candidates if c})
    close = difflib.get_close_matches(name, pool, n=n, cutoff=0.4)
    close += [c for c in pool if name and name in c and c not in close][: max(0, n - len(close))]
    return f"; close matches: {', '.join(close[:n])}" if close else ""


def find_department(store: GraphStore, name: str) -> str:
    """A department's key from its key, its name, one of its names as written, or the end of one of them
    (`科技局` finds 宝鸡市科学技术局, printed 宝鸡市科技局, when only one department's names end so); a body that
    exists now before a former name. Else a QueryError listing close matches (or, when ambiguous, the departments
    it names)."""
    rows = store.read(q.FIND_DEPARTMENTS, {"name": name})
    exact = [r for r in rows if name in (r["id"], r["name"], *(r["aliases"] or []))]
    found = exact or rows
    current = sorted({r["id"] for r in found if not r["former"]})
    ids = current or sorted({r["id"] for r in found})
    if len(ids) == 1:
        return ids[0]
    if ids:
        names = ", ".join(f"{r['name']} ({r['id']})" for r in found if r["id"] in ids)
        raise QueryError(f"{name!r} names {len(ids)} departments: {names}; give the full name or the key")
    every = store.read(q.DEPARTMENT_NAMES)
    printed = [r["name"] for r in every] + [a for r in every for a in r["aliases"] or []]
    raise QueryError(f"no department {name!r} in the graph" + close_matches(name, printed))


def department_facts(store: GraphStore, department_id: str, partners: int = 15) -> dict[str, Any]:
    """The department node (with its scores when analytics ran), its tasks with their documents, and the
    departments it shares most tasks with."""
    node = store.read(q.DEPARTMENT_NODE, {"id": department_id})
    if not node:
        raise QueryError(f"no department {department_id!r} in the graph")
    return {
        "department": node[0]["props"],
        "tasks": store.read(q.DEPARTMENT_TASKS, {"id": department_id}),
        "partners": store.read(q.DEPARTMENT_PARTNERS, {"id": department_id, "limit": partners}),
    }


def find_document(store: GraphStore, key: str) -> str:
    """A document's doc_id from its 文号, doc_id, title or subject (a read document before a stub); else a
    QueryError listing close matches."""
    from loaders.extract import title_key  # the extractor, loaded when a document is looked up

    rows = store.read(q.FIND_DOCUMENTS, {"key": key, "title_key": title_key(key)})
    if rows:
        return str(rows[0]["id"])
    every = store.read(q.DOCUMENT_NAMES)
    names = [r["doc_no"] for r in every] + [r["title"] for r in every]
    raise QueryError(f"no document {key!r} in the graph" + close_matches(key, names))


def document_facts(store: GraphStore, doc_id: str) -> dict[str, Any]:
    """The document, its issuers, tasks (each with its departments and indicators), what it cites and
    what cites it."""
    node = store.read(q.DOCUMENT_NODE, {"id": doc_id})
    if not node:
        raise QueryError(f"no document {doc_id!r} in the graph")
    tasks = store.read(q.DOCUMENT_TASKS, {"id": doc_id})
    by_task = {t["task_id"]: t for t in tasks}
    for task in tasks:
        task["departments"], task["indicators"] = [], []
    for row in store.read(q.DOCUMENT_ASSIGNMENTS, {"id": doc_id}):
        by_task[row.pop("task_id")]["departments"].append(row)
    indicators = store.read(q.DOCUMENT_INDICATORS, {"id": doc_id})
    for row in indicators:
        by_task[row["task_id"]]["indicators"].append(row)
    return {
        "document": node[0]["props"],
        "issuers": store.read(q.DOCUMENT_ISSUERS, {"id": doc_id}),
        "tasks": tasks,
        "indicators": indicators,
        "cites": store.read(q.DOCUMENT_CITES, {"id": doc_id}),
        "cited_by": store.read(q.DOCUMENT_CITED_BY, {"id": doc_id}),
    }


def upstream_chain(store: GraphStore, doc_id: str, max_depth: int = 8) -> dict[str, Any]:
    """The documents above `doc_id`: what it cites, what those cite, … breadth first, each document once
    (at its shallowest depth), cycles cut. {`root`: props, `levels`: [[{doc…, citing, relation, depth}]]}."""
    node = store.read(q.DOCUMENT_NODE, {"id": doc_id})
    if not node:
        raise QueryError(f"no document {doc_id!r} in the graph")
    seen = {doc_id}
    frontier = [doc_id]
    levels: list[list[dict[str, Any]]] = []
    edges: list[dict[str, Any]] = []
    for depth in range(1, max_depth + 1):
        if not frontier:
            break
        rows = store.read(q.CITES_OF, {"ids": frontier})
        level = []
        for row in rows:
            edges.append({"citing": row["citing"], "cited": row["doc_id"], "relation": row["relation"]})
            if row["doc_id"] in seen:
                continue
            seen.add(row["doc_id"])
            level.append({**row, "depth": depth})
        if level:
            levels.append(level)
        frontier = [row["doc_id"] for row in level]
    return {"root": node[0]["props"], "levels": levels, "edges": edges}
