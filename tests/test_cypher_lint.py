"""Every Cypher text of the project passes Neo4j 5's official linter: no error, no deprecation.

The project's Cypher is one text for every backend (FalkorDB and Neo4j 5). This test hands each
statement to tests/cypher/lint.mjs (@neo4j-cypher/language-support, pinned in tests/cypher/package.json)
in one `node` run. Statements linted:
  * every queries/**/*.cypher file, whole (leading `//` comment lines are valid Cypher);
  * every module-level upper-case `str` constant of the CYPHER_MODULES (graph.cypher,
    graph.analytics_cypher, graph.view_cypher, graph.status_cypher) that holds a Cypher clause;
  * every statement of the constraints.cypher the neo4j-admin export writes (graph/admin_export.py), which
    are those the Neo4j store runs to create its schema.
Either may not exist yet: then there is simply nothing of that kind to lint.

Needs `npm ci` in tests/cypher; without node_modules the test skips, except under CI (env CI set),
where it fails.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_DIR = ROOT / "tests" / "cypher"
LINT_SCRIPT = LINT_DIR / "lint.mjs"
QUERIES_DIR = ROOT / "queries"
CYPHER_CLAUSE = re.compile(r"\b(MATCH|MERGE|CREATE|UNWIND|RETURN|CALL)\b")


def query_files() -> list[tuple[str, str]]:
    """(name, text) for every queries/**/*.cypher file."""
    if not QUERIES_DIR.is_dir():
        return []
    return [
        (path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(QUERIES_DIR.rglob("*.cypher"))
    ]


# modules whose module-level upper-case str constants holding a Cypher clause are linted
CYPHER_MODULES = ("graph.cypher", "graph.analytics_cypher", "graph.view_cypher", "graph.status_cypher")


def declared_statements() -> list[tuple[str, str]]:
    """(name, text) for every upper-case str constant of the CYPHER_MODULES holding a Cypher clause."""
    statements: list[tuple[str, str]] = []
    for module_name in CYPHER_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name in ("graph", module_name):
                continue  # that module is not written yet
            raise
        statements += [
            (f"{module_name}.{name}", value)
            for name, value in sorted(vars(module).items())
            if name.isupper() and isinstance(value, str) and CYPHER_CLAUSE.search(value)
        ]
    return statements


def constraint_statements() -> list[tuple[str, str]]:
    """(name, text) for each statement of the exported constraints.cypher (one a line, each ending in `;`,
    after `//` comment lines): the file as written, cut where cypher-shell -f would cut it."""
    from graph.admin_export import constraints_cypher

    text = constraints_cypher()
    statements = [s.strip() for s in text.split(";\n") if s.strip()]
    comments = [line for line in statements[0].splitlines() if line.startswith("//")]
    statements[0] = "\n".join(line for line in statements[0].splitlines() if not line.startswith("//"))
    assert comments and text.endswith(";\n"), "constraints.cypher: a comment header, each statement ended by ;"
    return [(f"constraints.cypher #{i}", statement) for i, statement in enumerate(statements)]


def project_statements() -> list[tuple[str, str]]:
    return query_files() + declared_statements() + constraint_statements()


def _linter_available() -> None:
    """Skip (or, under CI, fail) when node or the npm packages are missing."""
    missing = []
    if shutil.which("node") is None:
        missing.append("`node` is not on PATH (Node.js is needed)")
    if not (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        missing.append("tests/cypher/node_modules is missing: run `npm ci` in tests/cypher")
    if missing:
        reason = "Cypher lint unavailable: " + "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def lint(statements: list[tuple[str, str]]) -> dict[str, dict[str, list[str]]]:
    """Run lint.mjs once over all statements; name -> {"errors", "warnings", "deprecations"}."""
    _linter_available()
    payload = json.dumps([{"name": name, "cypher": text} for name, text in statements])
    proc = subprocess.run(
        ["node", str(LINT_SCRIPT)],
        input=payload,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=LINT_DIR,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, f"lint.mjs failed (exit {proc.returncode}):\n{proc.stderr}"
    results = json.loads(proc.stdout)
    assert [r["name"] for r in results] == [name for name, _ in statements]
    return {r["name"]: r for r in results}


# --- self-test cases: proof the lint catches things, and that the statements FalkorDB needs pass ---

# deprecated in Neo4j 5 (a warning, not an error): case -> expected part of the message
DEPRECATED = {
    # id() is deprecated (elementId replaces it; FalkorDB has no elementId)
    "MATCH (n) RETURN id(n)": "deprecated function",
    # CALL {} without a scope clause is deprecated; FalkorDB rejects the new CALL (n) {} form
    "MATCH (n) CALL { WITH n RETURN n AS m } RETURN m": "CALL subquery without a variable scope clause",
    "MATCH (a)-[:A|:B]->(b) RETURN b": "colon in the separation of alternative relationship types",
    "MATCH (a), (b) SET a = b": "use of nodes or relationships for setting properties is deprecated",
    "MATCH (a), (b) MATCH p = shortestPath((a)-[r]-(b)) RETURN p": "shortestPath and allShortestPaths with fixed",
}
# errors
REJECTED = {
    "MATCH (n RETURN n": "Invalid input 'RETURN'",
    "MATCH (n) WHERE exists(n.name) RETURN n": "no longer supported",  # removed in Neo4j 5
    "CREATE INDEX ON :Document(doc_id)": "Invalid create index syntax",  # the Neo4j 4 form
    "RETURN toJSON({a: 1}) AS j": "Function toJSON is not present",  # a FalkorDB-only function
    "MATCH (n) RETURN n; MATCH (m) RETURN m": "2 Cypher statements",  # FalkorDB runs one per query
    "// only a comment\n": "statement",
}
# what the graph layer will run on FalkorDB: no error, no warning at all
PORTABLE = [
    "UNWIND $rows AS row MERGE (d:Document {doc_id: row.doc_id}) SET d += row.props",
    "MATCH (d:Department)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE r.role = $role "
    "RETURN d.name AS name, count(t) AS tasks ORDER BY tasks DESC LIMIT $limit",
    "CREATE INDEX FOR (d:Document) ON (d.doc_id)",
    "// header: what this query answers\n// params: $path\nMATCH (d:Document {source: $path}) RETURN d.doc_id AS doc_id;\n",
    "MATCH (a)-[:ISSUED_BY|RESPONSIBLE_FOR]->(b) RETURN labels(b)[0] AS label, properties(b) AS props",
]
SELF_TESTS = [
    *((f"self-test: deprecated #{i}", q) for i, q in enumerate(DEPRECATED)),
    *((f"self-test: rejected #{i}", q) for i, q in enumerate(REJECTED)),
    *((f"self-test: portable #{i}", q) for i, q in enumerate(PORTABLE)),
]


@pytest.fixture(scope="module")
def linted() -> dict[str, dict[str, list[str]]]:
    """One node run for the self-tests and the project's statements; by name, and by text for self-tests."""
    statements = SELF_TESTS + project_statements()
    names = [name for name, _ in statements]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"duplicate statement names: {duplicates}"
    results = lint(statements)
    results.update({text: results[name] for name, text in SELF_TESTS})
    return results


def test_project_cypher_passes_neo4j_lint(linted: dict[str, dict[str, list[str]]]) -> None:
    statements = project_statements()
    if not statements:
        pytest.skip("no Cypher yet: no queries/**/*.cypher and no Cypher constants in graph.cypher")
    problems = []
    for name, _ in statements:
        result = linted[name]
        problems += [f"{name}: error: {msg}" for msg in result["errors"]]
        problems += [f"{name}: deprecated: {msg}" for msg in result["deprecations"]]
        for msg in result["warnings"]:  # performance hints and the like: shown, not failed
            if msg not in result["deprecations"]:
                warnings.warn(f"Cypher lint: {name}: {msg}", stacklevel=1)
    assert not problems, "Cypher that Neo4j 5 rejects or deprecates:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("cypher", "expected"), DEPRECATED.items(), ids=[f"deprecated-{i}" for i in range(len(DEPRECATED))]
)
def test_lint_reports_deprecation(linted: dict[str, dict[str, list[str]]], cypher: str, expected: str) -> None:
    result = linted[cypher]
    assert not result["errors"], result
    assert any(expected in msg for msg in result["deprecations"]), result


@pytest.mark.parametrize(("cypher", "expected"), REJECTED.items(), ids=[f"rejected-{i}" for i in range(len(REJECTED))])
def test_lint_reports_what_neo4j_rejects(linted: dict[str, dict[str, list[str]]], cypher: str, expected: str) -> None:
    result = linted[cypher]
    assert any(expected in msg for msg in result["errors"]), result


@pytest.mark.parametrize("cypher", PORTABLE, ids=[f"portable-{i}" for i in range(len(PORTABLE))])
def test_lint_passes_falkordb_statements(linted: dict[str, dict[str, list[str]]], cypher: str) -> None:
    result = linted[cypher]
    assert (result["errors"], result["warnings"]) == ([], []), result


def test_collection_finds_project_cypher() -> None:
    # no node needed: every collected statement is a non-empty text, every .cypher file is in
    for name, text in project_statements():
        assert text.strip(), name
    if QUERIES_DIR.is_dir():
        assert len(query_files()) == len(list(QUERIES_DIR.rglob("*.cypher")))
    # constraints.cypher holds one CREATE per key and per index of graph/schema.py, each linted
    from graph.schema import NODES

    created = [text for _, text in constraint_statements()]
    assert len(created) == sum(1 + len(node.indexed) for node in NODES)
    assert all(text.startswith(("CREATE CONSTRAINT ", "CREATE INDEX ")) for text in created)
