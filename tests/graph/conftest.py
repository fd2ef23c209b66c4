"""Stores under test: the embedded file always; a FalkorDB server and Neo4j when their URLs are set."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from graph.store import GraphStore, open_store

BACKENDS = ["embedded", "falkordb", "neo4j"]


@pytest.fixture(scope="session", params=BACKENDS)
def _open_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """One store of each kind for the session (starting a server takes seconds); closed at the end."""
    tmp_path = tmp_path_factory.mktemp("store")
    kind = request.param
    if kind == "falkordb" and not os.environ.get("POLICYGRAPH_FALKORDB_URL"):
        pytest.skip("set POLICYGRAPH_FALKORDB_URL=falkordb://host:port to test a FalkorDB server")
    if kind == "neo4j" and not os.environ.get("NEO4J_URI"):
        pytest.skip("set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) to test Neo4j: see README")
    url = {
        "embedded": None,
        "falkordb": os.environ.get("POLICYGRAPH_FALKORDB_URL"),
        "neo4j": os.environ.get("NEO4J_URI"),
    }[kind]
    graph = open_store(url, tmp_path / "graph.db", mode="create")
    graph.ensure_schema()
    try:
        yield graph
    finally:
        graph.close()


@pytest.fixture
def store(_open_store: GraphStore) -> GraphStore:
    """The session's store of each kind, emptied for this test."""
    _open_store.clear()
    return _open_store
