"""Any store → the NetworkX graphs of graph/analytics.py, read in pages; scores written back to departments.

The Cypher is in graph/analytics_cypher.py. Pages go over departments and documents in key order, so a
10,000-document graph (≈1.5 M nodes and relationships) is read in a few dozen statements.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph import analytics_cypher as q
from graph.analytics import current_bodies
from graph.lineage import read_successors
from graph.store import GraphStore

DEPARTMENT_PAGE = 20_000  # departments per page of department nodes
ASSIGNMENT_PAGE = 5000  # departments per page of assignments
DOCUMENT_PAGE = 5000  # documents per page of tasks and indicators
READERS = 2  # statements in flight at once while reading
WRITE_BATCH = 2000  # departments per UNWIND of the write-back


def _pages(store: GraphStore, query: str, total: int, page: int, **params: Any) -> Iterator[dict[str, Any]]:
    for skip in range(0, max(total, 0), page):
        yield from store.read(query, {**params, "skip": skip, "limit": page})


@contextmanager
def paused_gc() -> Iterator[None]:
    """Cyclic garbage collection off while millions of small dicts are built (none of them cyclic): it
    would otherwise run hundreds of times and cost a third of the read of a 10,000-document graph."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _count(store: GraphStore, query: str) -> int:
    rows = store.read(query)
    return int(rows[0]["count"]) if rows else 0


@dataclass(slots=True)
class ResponsibilityGraphs:
    """What analytics work on: the bipartite Department–Task graph and the citation graph."""

    bipartite: nx.Graph
    citations: nx.DiGraph


def read_bipartite(
    store: GraphStore, page: int = DEPARTMENT_PAGE, doc_page: int = DOCUMENT_PAGE, edge_page: int = ASSIGNMENT_PAGE
) -> nx.Graph:
    """Departments, tasks and RESPONSIBLE_FOR edges (`role`); tasks carry doc_id, deadline, indicator_years."""
    with paused_gc():
        return _read_bipartite(store, page, doc_page, edge_page)


def _read_bipartite(store: GraphStore, page: int, doc_page: int, edge_page: int) -> nx.Graph:
    departments = _count(store, q.COUNT_DEPARTMENTS)
    documents = _count(store, q.COUNT_DOCUMENTS)
    # every page asked for up front, two at a time: the server runs one while Python decodes the other
    with ThreadPoolExecutor(max_workers=READERS) as pool:
        nodes = _submit(pool, store, q.READ_DEPARTMENTS, departments, page)
        indicator_rows = _submit(pool, store, q.READ_INDICATOR_YEARS, documents, doc_page)
        task_rows = _submit(pool, store, q.READ_TASKS, documents, doc_page)
        edge_rows = _submit(pool, store, q.READ_ASSIGNMENTS, departments, edge_page)
        B = nx.Graph()
        B.add_nodes_from(
            (
                row["id"],
                {
                    "kind": "department",
                    "name": row["name"],
                    "jurisdiction": row["jurisdiction"],
                    "function": row["function"],
                    "former": bool(row["former"]),
                },
            )
            for row in _results(nodes)
        )
        years: dict[str, list[Any]] = {}
        for row in _results(indicator_rows):
            years.setdefault(row["task"], []).append(row["year"])
        B.add_nodes_from(
            (
                task,
                {"kind": "task", "doc_id": row["doc_id"], "deadline": deadline, "indicator_years": years.get(task, [])},
            )
            for row in _results(task_rows)
            for task, deadline in row["tasks"]
        )
        # edges filled the way Graph.add_edge does (one attribute dict shared by both ends) without its
        # per-edge checks: add_edges_from spends longer on 600,000 edges than reading them does
        adjacency = B._adj
        for row in _results(edge_rows):
            department, role = row["department"], row["role"]
            out = adjacency.setdefault(department, {})
            if department not in B._node:
                B._node[department] = {"kind": "department"}
            for task in row["tasks"]:
                out[task] = adjacency[task][department] = {"role": role}
    return B


def _submit(pool: ThreadPoolExecutor, store: GraphStore, query: str, total: int, page: int) -> list[Future[Any]]:
    return [pool.submit(store.read, query, {"skip": skip, "limit": page}) for skip in range(0, max(total, 0), page)]


def _results(futures: list[Future[Any]]) -> Iterator[dict[str, Any]]:
    for future in futures:
        yield from future.result()


def read_citations(store: GraphStore, page: int = DOCUMENT_PAGE) -> nx.DiGraph:
    """CITES edges (`relation`) between documents by doc_id: what `upstream` counts and chains follow.

    Only documents that cite or are cited are nodes; `document_details` gives what reports show of them."""
    C = nx.DiGraph()
    documents = _count(store, q.COUNT_DOCUMENTS)
    C.add_edges_from(
        (row["citing"], row["cited"], {"relation": row["relation"]})
        for row in _pages(store, q.READ_CITATIONS, documents, page)
    )
    return C


def document_details(store: GraphStore, doc_ids: Iterable[str], batch: int = 5000) -> dict[str, dict[str, Any]]:
    """doc_id → doc_no, title, jurisdiction, level, date, stub, source, span."""
    ids = sorted(set(doc_ids))
    details: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), batch):
        for row in store.read(q.DOCUMENTS_BY_ID, {"ids": ids[i : i + batch]}):
            details[row.pop("id")] = row
    return details


def read_graphs(store: GraphStore, as_printed: bool = False) -> ResponsibilityGraphs:
    """The graphs analytics work on; departments are the bodies that exist now (a former name's tasks
    counted as its last successor's) unless `as_printed`."""
    B = read_bipartite(store)
    if not as_printed:
        current_bodies(B, read_successors(store))
    return ResponsibilityGraphs(B, read_citations(store))


SCORE_KEYS = (
    "load",
    "lead",
    "support",
    "responsible",
    "tasks",
    "indicators",
    "documents",
    "upstream",
    "degree",
    "strength",
    "betweenness",
    "pagerank",
    "community",
)


def score_rows(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The analysis' department rows in the shape WRITE_SCORES takes."""
    return [{"id": row["id"], **{k: row.get(k) for k in SCORE_KEYS}} for row in result["departments"]]


def write_scores(store: GraphStore, result: Mapping[str, Any], batch: int = WRITE_BATCH) -> int:
    """Set load, role counts and centrality on each Department node (one transaction); returns how many."""
    rows = score_rows(result)
    statements = [(q.WRITE_SCORES, {"rows": rows[i : i + batch]}) for i in range(0, len(rows), batch)]
    if statements:
        store.write(statements)
    return len(rows)
