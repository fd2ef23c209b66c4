"""The neo4j-admin export read back by a reader written from Neo4j 5's documented import header format
(operations manual, "Import: CSV header format"), no Neo4j needed: every typed cell parses as its type,
every relationship's ends are nodes of its ID space, the counts are the store's, every value is the stored one.
"""

from __future__ import annotations

import csv
import re
import shlex
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from graph import export
from graph.admin_export import (
    CONSTRAINTS_FILE,
    IMPORT_SCRIPT,
    array_delimiter,
    cell,
    export_neo4j_admin,
)
from graph.schema import KEY_OF, PROPERTIES
from graph.store import GraphStore
from loaders.errors import StoreError
from tests.graph.declared import mistyped

# --- the reader: Neo4j's header format, not the exporter's code ---

HEADER = re.compile(r"^(?P<name>[^:]*)(?::(?P<kind>[A-Za-z_]+)(?:\((?P<space>[^)]*)\))?(?P<array>\[\])?)?$")
INT = re.compile(r"[+-]?\d+")
FLOAT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")  # what Java's Double.parseDouble takes (finite)


def parse_scalar(kind: str, text: str) -> Any:
    if kind in ("int", "long"):
        assert INT.fullmatch(text), f"not an int: {text!r}"
        return int(text)
    if kind in ("float", "double"):
        assert FLOAT.fullmatch(text), f"not a float: {text!r}"
        return float(text)
    if kind == "boolean":
        # neo4j-admin reads anything but "true" as false: only the two words may stand here
        assert text in ("true", "false"), f"not a boolean: {text!r}"
        return text == "true"
    if kind == "date":
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", text), f"not an ISO date: {text!r}"
        return date.fromisoformat(text).isoformat()
    if kind == "localdatetime":
        return datetime.fromisoformat(text).isoformat()
    assert kind == "string", f"a type this reader does not know: {kind}"
    return text


def read_file(path: Path, array_delim: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(columns, rows): columns as {name, kind, space, array}; rows as {column name or role: value}."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = list(csv.reader(fh))
    columns = []
    for field in lines[0]:
        match = HEADER.match(field)
        assert match, f"{path.name}: header field {field!r}"
        kind = match["kind"] or "string"
        columns.append({"name": match["name"], "kind": kind, "space": match["space"], "array": bool(match["array"])})
    rows = []
    for line in lines[1:]:
        assert len(line) == len(columns), f"{path.name}: {line}"
        row: dict[str, Any] = {}
        for column, text in zip(columns, line, strict=True):
            assert text not in ("None", "True", "False", "null") and not text.startswith("["), f"{path.name}: {text!r}"
            kind = column["kind"]
            if kind in ("ID", "START_ID", "END_ID"):
                row[kind] = (column["space"], text)
                if column["name"]:
                    row[column["name"]] = text
            elif kind in ("LABEL", "TYPE"):
                row[kind] = text
            elif text != "":  # an empty cell sets no property
                row[column["name"]] = (
                    [parse_scalar(kind, t) for t in text.split(array_delim)]
                    if column["array"]
                    else parse_scalar(kind, text)
                )
        rows.append(row)
    return columns, rows


def command_options(folder: Path) -> dict[str, list[str]]:
    script = (folder / IMPORT_SCRIPT).read_text(encoding="utf-8")
    command = next(line for line in script.splitlines() if "neo4j-admin database import full" in line)
    options: dict[str, list[str]] = {}
    for word in shlex.split(command.removeprefix("exec ")):
        if word.startswith("--"):
            key, _, value = word[2:].partition("=")
            options.setdefault(key, []).append(value)
    return options


def _stored(props: dict[str, Any]) -> dict[str, Any]:
    """What an import sets: no None, no empty list, no empty string (an empty cell is no property)."""
    return {k: v for k, v in props.items() if v is not None and v != [] and v != ""}


@pytest.fixture(scope="module")
def exported(corpus_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("neo4j-admin")
    export_neo4j_admin(corpus_store, folder)
    return folder


def test_every_file_reads_back_typed_with_its_ends_and_the_store_counts(
    exported: Path, corpus_store: GraphStore
) -> None:
    options = command_options(exported)
    delim = options.get("array-delimiter", [";"])[0]
    multiline = options.get("multiline-fields") == ["true"]
    named = set(options["nodes"]) | set(options["relationships"])
    assert named == {p.name for p in exported.glob("*.csv")}, "the command names every CSV file, and only those"
    ids: dict[str, set[str]] = {}
    nodes: dict[str, int] = {}
    stored_nodes = {(label, props[KEY_OF[label]]): props for label, props in export.nodes(corpus_store)}
    typed = set()
    for name in sorted(options["nodes"]):
        columns, rows = read_file(exported / name, delim)
        typed |= {f"{c['kind']}{'[]' * c['array']}" for c in columns}
        for row in rows:
            space, key = row["ID"]
            assert row["LABEL"] == space and key not in ids.setdefault(space, set()), f"{space} {key} twice"
            ids[space].add(key)
            nodes[space] = nodes.get(space, 0) + 1
            props = {k: v for k, v in row.items() if k not in ("ID", "LABEL")}
            assert props == _stored(stored_nodes[(space, key)]), f"{space} {key}"
    assert {"int", "float", "boolean", "date", "int[]", "string[]"} <= typed
    rels: dict[str, int] = {}
    for name in sorted(options["relationships"]):
        columns, rows = read_file(exported / name, delim)
        for row in rows:
            for end in ("START_ID", "END_ID"):
                space, key = row[end]
                assert key in ids.get(space, set()), f"{name}: {end} {space} {key} is no node"
            rels[row["TYPE"]] = rels.get(row["TYPE"], 0) + 1
            props = {k: v for k, v in row.items() if k not in ("START_ID", "END_ID", "TYPE")}
            assert set(props) <= set(PROPERTIES[row["TYPE"]])
    assert (nodes, rels) == corpus_store.counts()
    cells = [c for p in exported.glob("*.csv") for r in csv.reader(p.open(encoding="utf-8", newline="")) for c in r]
    has_newline = any("\n" in c or "\r" in c for c in cells)
    assert multiline == has_newline, "--multiline-fields=true exactly when a cell holds a line break"


def test_indicator_and_task_headers_carry_their_types(exported: Path) -> None:
    header = (exported / "nodes_Indicator.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"value:float", "value_max:float", "year:int", "span:int[]", "indicator_id:ID(Indicator)"} <= set(header)
    header = (exported / "nodes_Task.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"deadline:date", "recurring:boolean", "span:int[]"} <= set(header)
    header = (exported / "relationships_NAMED_IN.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == [
        ":START_ID(Department)",
        ":END_ID(Source)",
        ":TYPE",
        "names:string[]",
        "counts:int[]",
        "known:boolean",
    ]


def test_constraints_file_holds_the_store_schema(exported: Path) -> None:
    from graph.schema import schema_statements

    text = (exported / CONSTRAINTS_FILE).read_text(encoding="utf-8")
    assert [line.rstrip(";") for line in text.splitlines() if not line.startswith("//")] == schema_statements()
    assert (
        "CREATE CONSTRAINT indicator_indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.indicator_id IS UNIQUE"
        in text
    )


def test_the_store_holds_only_declared_properties_of_their_declared_types(corpus_store: GraphStore) -> None:
    assert mistyped(corpus_store) == []


def test_an_element_holding_the_default_delimiter_picks_another() -> None:
    assert array_delimiter([["宝鸡市林业局", "a"], [1, 2]]) == ";"
    assert array_delimiter([["甲;乙"], None]) == "|"
    assert array_delimiter([["甲;乙|丙"]]) == "^"
    assert cell("string[]", ["甲;乙", "丙"], "|", "t") == "甲;乙|丙"


def test_cells_are_typed_or_refused() -> None:
    assert cell("float", 20, ";", "t") == "20.0"
    assert cell("boolean", False, ";", "t") == "false"
    assert cell("int[]", [11402, 11443], ";", "t") == "11402;11443"
    assert cell("date", None, ";", "t") == ""
    for kind, value in (("int", True), ("int", "2025"), ("float", float("nan")), ("date", "2025"), ("boolean", "no")):
        with pytest.raises(StoreError, match="is not a"):
            cell(kind, value, ";", "Indicator x: year")  # type: ignore[arg-type]


def test_chinese_text_with_quotes_commas_and_newlines_round_trips(tmp_path: Path) -> None:
    from graph.admin_export import _write_csv

    text = '关于"十四五"规划，（一）加强\n统筹,"推进"'
    assert _write_csv(tmp_path / "x.csv", ["text"], [[text]]) is True
    _, rows = read_file(tmp_path / "x.csv", ";")
    assert rows == [{"text": text}]
    assert _write_csv(tmp_path / "y.csv", ["text"], [["一行，无换行"]]) is False


def test_written_back_scores_are_declared_with_their_types(tmp_path: Path) -> None:
    """`report load --write-back` (and `run`) set scores on departments: declared, and exported typed."""
    from graph.ingest import ingest
    from graph.load import SCORE_KEYS, write_scores
    from graph.store import open_store
    from viz.reports import load_report

    assert set(SCORE_KEYS) <= set(PROPERTIES["Department"])
    with open_store(None, tmp_path / "g.db", mode="create") as store:
        ingest(store, [Path("data/corpus/weinan-standardization-plan-2023.txt")], jobs=1)
        write_scores(store, load_report(store))
        export_neo4j_admin(store, tmp_path / "out")
        options = command_options(tmp_path / "out")
        columns, rows = read_file(tmp_path / "out" / "nodes_Department.csv", options.get("array-delimiter", [";"])[0])
    kinds = {c["name"]: c["kind"] for c in columns}
    assert (kinds["load"], kinds["pagerank"], kinds["community"], kinds["tasks"]) == ("float", "float", "int", "int")
    assert all(isinstance(r["tasks"], int) for r in rows if "tasks" in r)


def test_graphml_types_agree_with_the_schema(corpus_store: GraphStore, tmp_path: Path) -> None:
    """The GraphML export (typed by networkx from the stored values) reads back with the types the schema
    declares: the two exports agree because both rest on what graph/schema.py says the stores hold."""
    import networkx as nx

    (path,) = export.export_graphml(corpus_store, tmp_path)
    graph = nx.read_graphml(path)
    python = {"string": str, "int": int, "float": float, "boolean": bool, "date": str, "localdatetime": str}
    checked = set()
    for _, data in graph.nodes(data=True):
        label = data["label"]
        for key, value in data.items():
            if key == "label":
                continue
            kind = PROPERTIES[label][key]
            expected = str if kind.endswith("[]") else python[kind]  # GraphML holds a list as JSON text
            assert type(value) is expected, f"{label}.{key}: {value!r} ({kind})"
            checked.add(kind)
    assert {"int", "float", "boolean", "date", "int[]", "string[]"} <= checked
