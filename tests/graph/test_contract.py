"""The contract every GraphStore keeps, run against each backend."""

from __future__ import annotations

import pytest

from graph import cypher
from graph.store import GraphStore
from loaders.errors import StoreError


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


def test_read_only_reads_and_refuses_writes(store: GraphStore) -> None:
    store.write([(cypher.MERGE_DOCUMENTS, {"rows": [{"doc_id": "doc:r", "source": "r.txt", "props": {}}]})])
    assert store.read_only("MATCH (d:Document {doc_id: $id}) RETURN d.doc_id AS id", {"id": "doc:r"}) == [
        {"id": "doc:r"}
    ]
    # the backend's own read-only mode (FalkorDB GRAPH.RO_QUERY, Neo4j a READ transaction) refuses writes
    for statement in ("CREATE (:Document {doc_id: 'doc:w'})", "MATCH (d:Document) SET d.stub = true"):
        with pytest.raises(StoreError):
            store.read_only(statement)
    assert store.read("MATCH (d:Document) RETURN d.doc_id AS id, d.stub AS stub") == [{"id": "doc:r", "stub": False}]


def test_property_values_survive_the_round_trip(store: GraphStore) -> None:
    # FalkorDB takes parameters as Cypher literals in a header: quotes, backslashes, braces, newlines,
    # booleans, nulls, floats and nested lists must come back as they went in
    props = {
        "title": '关于"印发"\\《纲要》}{`的通知\n第二行',
        "span": [0, 12],
        "value": 2.5,
        "recurring": False,
        "stub_reason": None,
        "tags": ["甲", 'b"', "\\"],
    }
    store.write([(cypher.MERGE_DOCUMENTS, {"rows": [{"doc_id": "doc:q", "source": "q.txt", "props": props}]})])
    found = store.read(
        "MATCH (d:Document {doc_id: $id}) RETURN d.title AS title, d.span AS span, d.value AS value, "
        "d.recurring AS recurring, d.stub_reason AS stub_reason, d.tags AS tags, d.stub AS stub",
        {"id": "doc:q"},
    )
    assert found == [{**props, "stub": False}]


def test_a_department_takes_its_first_name_in_source_order_and_gathers_its_aliases(store: GraphStore) -> None:
    def row(source: str, names: list[str]) -> dict[str, object]:
        return {
            "department_id": "宝鸡市/科技",
            "name": names[0],
            "names": names,
            "source": source,
            "function": "科技",
            "kind": "government",
            "known": source == "b.txt",
            "jurisdiction": "宝鸡市",
            "former": False,
        }

    # b.txt written before a.txt (an incremental ingest): the names still come in source order
    store.write([(cypher.MERGE_DEPARTMENTS, {"rows": [row("b.txt", ["宝鸡市科学技术局", "市科技局"])]})])
    store.write([(cypher.MERGE_DEPARTMENTS, {"rows": [row("a.txt", ["宝鸡市科技局", "宝鸡市科学技术局"])]})])
    store.write([(cypher.REFRESH_DEPARTMENTS, {"ids": ["宝鸡市/科技"]})])
    query = "MATCH (p:Department)-[:IN]->(j:Jurisdiction) RETURN p.name AS name, p.aliases AS aliases, p.known AS known"
    found = store.read(query)
    assert found == [
        {"name": "宝鸡市科技局", "aliases": ["宝鸡市科技局", "宝鸡市科学技术局", "市科技局"], "known": True}
    ]
    # a.txt's names gone, the department keeps b.txt's; no source left, it goes
    ids = {"ids": ["宝鸡市/科技"]}
    for source, expected in (
        ("a.txt", [{"name": "宝鸡市科学技术局", "aliases": ["宝鸡市科学技术局", "市科技局"], "known": True}]),
        ("b.txt", []),
    ):
        store.write(
            [
                (cypher.DROP_NAMES, {"path": source}),
                (cypher.DROP_UNNAMED_DEPARTMENTS, ids),
                (cypher.REFRESH_DEPARTMENTS, ids),
            ]
        )
        assert store.read(query) == expected


def test_a_failed_write_stops_the_writes_after_it(store: GraphStore) -> None:
    """A transaction sent write-behind that fails surfaces at the next write, which is then not made
    (ingest marks a source complete with write(): never after a document that failed)."""
    good = (cypher.MERGE_JURISDICTIONS, {"rows": [{"name": "渭南市", "level": "prefecture", "parent": None}]})
    with pytest.raises(StoreError):
        store.write_behind([("THIS IS NOT CYPHER", {})])
        store.write([good])
    store.sync()  # nothing left in flight
    assert "Jurisdiction" not in store.counts()[0]
    store.write_behind([good])
    store.sync()
    assert store.counts()[0] == {"Jurisdiction": 1}


def test_ingested_values_come_back_with_their_types(store: GraphStore) -> None:
    """What ingest writes comes back typed as graph/schema.py PROPERTIES declares (the neo4j-admin export's
    header types): `value` a float, `year` an int, dates ISO text, spans lists of ints, flags booleans."""
    import re
    from pathlib import Path

    from graph.ingest import ingest
    from tests.graph.declared import mistyped

    ingest(store, [Path("data/corpus/bayannur-gazette-2018-03.txt")], jobs=1)  # dated, deadlines, indicators
    indicator = store.read(
        "MATCH (i:Indicator) WHERE i.year IS NOT NULL RETURN i.value AS value, i.year AS year LIMIT 1"
    )
    assert indicator and type(indicator[0]["value"]) is float and type(indicator[0]["year"]) is int
    dated = store.read("MATCH (d:Document) WHERE d.date IS NOT NULL RETURN d.date AS date, d.span AS span")
    assert dated and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) for r in dated)
    assert all(type(x) is int for r in dated for x in r["span"])
    deadlines = store.read("MATCH (t:Task) WHERE t.deadline IS NOT NULL RETURN t.deadline AS deadline")
    assert deadlines and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["deadline"]) for r in deadlines)
    assert mistyped(store) == []  # relationships too
    if store.kind == "neo4j":  # what a neo4j-admin import of a `:date` column holds reads as the same ISO text
        assert store.read("RETURN date('2023-06-30') AS d, localdatetime('2026-12-06T06:13:49') AS t") == [
            {"d": "2023-06-30", "t": "2026-12-06T06:13:49"}
        ]
