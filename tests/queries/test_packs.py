"""The pack registry and headers: parsing, typing and binding parameters, finding queries by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.errors import QueryError
from queries.packs import PACKS_DIR, get, load, parse, registry
from queries.runner import refuse_writes

HEADER = """// name: demo/q
// zh: 示例
// en: An example
// param: department: string — a name
// param: year: int = 2025
// param: ratio: float = null
// param: strict: bool = false
// param: label: string = '市 局'
// returns: a, b
// example: department=市科技局
MATCH (p:Department) WHERE p.name = $department AND $year > 0 AND ($ratio IS NULL OR $strict OR $label <> '')
RETURN p.name AS a, p.jurisdiction AS b
"""


def test_the_registry_is_the_subfolders_of_queries() -> None:
    queries = registry()
    assert {q.pack for q in queries.values()} == {
        p.name for p in PACKS_DIR.iterdir() if p.is_dir() and any(p.glob("*.cypher"))
    }
    assert {
        "responsibility/department",
        "responsibility/no-lead",
        "responsibility/diffused",
        "responsibility/lead-support",
        "responsibility/shared",
        "chain/upstream",
        "chain/downstream",
        "chain/to-department",
        "chain/missing-upstream",
        "indicators/due-by",
        "indicators/department",
        "indicators/compare",
        "indicators/no-deadline",
        "documents/by-issuer",
        "documents/most-cited",
        "reform/abolished",
        "quality/unknown-departments",
        "quality/stubs",
        "quality/no-department",
    } <= set(queries)
    for query in queries.values():
        assert query.zh and query.en and query.returns, query.name
        assert query.statement.startswith("MATCH"), query.name
        refuse_writes(query.cypher)  # every canned query is read-only


def test_header_parsing_and_binding() -> None:
    query = parse(Path("demo/q.cypher"), HEADER, "demo/q")
    assert [p.signature() for p in query.params] == [
        "department: string (required)",
        "year: int = 2025",
        "ratio: float = null",
        "strict: bool = false",
        "label: string = 市 局",
    ]
    assert query.params[0].doc == "a name" and query.returns == ("a", "b")
    assert query.example == {"department": "市科技局"}
    assert query.bind({"department": "x", "year": "2030", "strict": "yes"}) == {
        "department": "x",
        "year": 2030,
        "ratio": None,
        "strict": True,
        "label": "市 局",
    }
    assert query.bind({"department": "x", "ratio": "null"})["ratio"] is None


def test_missing_unknown_and_badly_typed_parameters() -> None:
    query = parse(Path("demo/q.cypher"), HEADER, "demo/q")
    with pytest.raises(QueryError, match=r"demo/q needs --param department=….*its parameters: department: string"):
        query.bind({})
    with pytest.raises(QueryError, match="has no parameter colour; its parameters: department"):
        query.bind({"department": "x", "colour": "red"})
    with pytest.raises(QueryError, match="parameter year takes int, not 'soon'"):
        query.bind({"department": "x", "year": "soon"})
    with pytest.raises(QueryError, match="takes true or false"):
        query.bind({"department": "x", "strict": "maybe"})


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (HEADER.replace("// name: demo/q", "// name: demo/other"), "its place makes it 'demo/q'"),
        (HEADER.replace("// zh: 示例\n", ""), "exactly one `// zh:` line"),
        (HEADER.replace("year: int = 2025", "year: integer = 2025"), "bad `// param: year: integer"),
        (HEADER.replace("// param: strict: bool = false\n", ""), "parameters used"),
        (HEADER.replace("department=市科技局", "colour=red"), "example or bench sets undeclared"),
    ],
)
def test_malformed_headers_name_the_file(text: str, problem: str) -> None:
    with pytest.raises(QueryError, match=problem):
        parse(Path("demo/q.cypher"), text, "demo/q")


def test_load_a_folder_of_packs(tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "q.cypher").write_text(HEADER, encoding="utf-8")
    assert list(load(tmp_path)) == ["demo/q"]


def test_get_by_full_or_bare_name_and_unknown_names() -> None:
    assert get("chain/downstream").name == "chain/downstream"
    assert get("downstream").name == "chain/downstream"
    with pytest.raises(QueryError, match=r"no query 'chain/downstreem': did you mean chain/downstream"):
        get("chain/downstreem")
    with pytest.raises(QueryError, match="the queries are .*responsibility/department"):
        get("nothing-like-it")
    with pytest.raises(
        QueryError, match="department is in several packs: indicators/department, responsibility/department"
    ):
        get("department")


@pytest.mark.parametrize(
    "cypher",
    [
        "CREATE (n:Document {doc_id: 'x'})",
        "MATCH (n) DETACH DELETE n",
        "match (n:Task) set n.text = 'x'",
        "MATCH (n) WITH n MERGE (m:Document {doc_id: n.doc_id})",
        "MATCH (n) REMOVE n.title",
        "LOAD CSV FROM 'file:///x.csv' AS row RETURN row",
        "DROP INDEX FOR (n:Document) ON (n.doc_id)",
        "CALL db.idx.fulltext.createNodeIndex('Document', 'title')",
        "MATCH (n) FOREACH (x IN [1] | SET n.a = x)",
    ],
)
def test_writes_are_refused(cypher: str) -> None:
    with pytest.raises(QueryError, match="refused"):
        refuse_writes(cypher)


@pytest.mark.parametrize(
    "cypher",
    [
        "MATCH (t:Task) WHERE t.text CONTAINS 'CREATE a SET of DELETE' RETURN t.text AS text",
        "// we never DELETE here\nMATCH (n) RETURN count(n) AS n",
        "MATCH (n) WHERE n.`create` = 1 RETURN n.set AS s, n.merge AS m",
        "CALL db.labels()",
        "MATCH (d:Document) /* no SET here */ RETURN d.doc_id AS id",
    ],
)
def test_reads_pass(cypher: str) -> None:
    refuse_writes(cypher)
