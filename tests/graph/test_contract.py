"""The contract every GraphStore keeps, run against each backend."""

from __future__ import annotations

import pytest

from graph import cypher
from graph.store import GraphStore
from policygraph.errors import StoreError


def test_write_then_read(store: GraphStore) -> None:
    rows = [{"doc_id": "doc:a", "source": "a.txt", "props": {"title": "甲", "doc_no": "宝政发〔2023〕1号"}}]
    store.write([(cypher.MERGE_DOCUMENTS, {"rows": rows})])
    found = store.read("MATCH (d:Document {doc_id: $id}) RETURN d.title AS title, d.stub AS stub", {"id": "doc:a"})
    assert found == [{"title": "甲", "stub": False}]


def test_merge_is_idempotent(store: GraphStore) -> None:
    rows = [{"name": "宝鸡市", "level": "prefecture", "parent": "陕西省"}]
    for _ in range(3):
        store.write([(cypher.MERGE_JURISDICTIONS, {"rows": rows})])
    labels, rels = store.counts()
    assert labels == {"Jurisdiction": 2} and rels == {"PART_OF": 1}


def test_a_failed_transaction_writes_nothing(store: GraphStore) -> None:
    good = (cypher.MERGE_JURISDICTIONS, {"rows": [{"name": "渭南市", "level": "prefecture", "parent": None}]})
    with pytest.raises(StoreError):
        store.write([good, ("THIS IS NOT CYPHER", {})])
    labels, _ = store.counts()
    # Neo4j rolls the transaction back; FalkorDB runs MULTI/EXEC as one unit (nothing interleaves, the
    # append-only log holds it whole) but keeps statements that ran before a failing one
    assert labels.get("Jurisdiction", 0) == (0 if store.kind == "neo4j" else 1)


def test_uniqueness_is_enforced_by_the_schema(store: GraphStore) -> None:
    store.write([("CREATE (:Document {doc_id: 'doc:x'})", {})])
    with pytest.raises(StoreError):
        store.write([("CREATE (:Document {doc_id: 'doc:x'})", {})])


def test_counts_and_clear(store: GraphStore) -> None:
    store.write(
        [(cypher.MERGE_DOCUMENTS, {"rows": [{"doc_id": f"doc:{i}", "source": "s", "props": {}} for i in range(5)]})]
    )
    labels, rels = store.counts()
    assert labels == {"Document": 5, "Source": 1} and rels == {"FROM_SOURCE": 5}
    store.clear()
    assert store.counts() == ({}, {})
