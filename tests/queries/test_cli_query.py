"""`policygraph query list | show | run` and `bench queries` through Typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.ingest import ingest
from graph.store import open_store
from policygraph.app import app
from queries.packs import registry

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The two standardisation plans' file and the Weinan plan in a store the CLI opens by --db."""
    root = Path(__file__).resolve().parents[2]
    corpus = tmp_path_factory.mktemp("cli-corpus")
    for name in ("weinan-standardization-plan-2023.txt", "baoji-gazette-2023-01.txt"):
        shutil.copy(root / "data" / "corpus" / name, corpus)
    path = tmp_path_factory.mktemp("cli-db") / "graph.db"
    with open_store(None, path, mode="create") as store:
        ingest(store, [corpus])
    return str(path)


@pytest.mark.parametrize(
    "command", [["query"], ["query", "list"], ["query", "show"], ["query", "run"], ["bench", "queries"]]
)
def test_every_query_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_list_shows_every_query_with_descriptions() -> None:
    result = runner.invoke(app, ["query", "list"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    for name in registry():
        assert name in result.output
    assert "上位政策的下游全貌" in result.output and "Everything downstream" not in result.output
    assert "查询包" in result.output and "回答的问题" in result.output
    english = runner.invoke(app, ["query", "list", "--lang", "en"], env={"COLUMNS": "250"}).output
    assert "Everything downstream of an upstream policy" in english and "上位政策的下游全貌" not in english
    as_json = json.loads(runner.invoke(app, ["query", "list", "--json"]).stdout)
    assert {q["name"] for q in as_json} == set(registry())


def test_show_prints_the_file_ready_to_paste() -> None:
    result = runner.invoke(app, ["query", "show", "chain/downstream"])
    assert result.exit_code == 0
    assert result.stdout.rstrip("\n") == registry()["chain/downstream"].cypher.rstrip("\n")
    browser = runner.invoke(app, ["query", "show", "responsibility/department", "--browser"])
    lines = browser.stdout.splitlines()
    assert lines[:3] == [
        ':param department => "市市场监管局"',
        ':param jurisdiction => "宝鸡市"',
        ":param role => null",
    ]


def test_run_in_every_format(db: str) -> None:
    args = [
        "query",
        "run",
        "indicators/compare",
        "--param",
        "policy=陕政发〔2022〕16号",
        "-p",
        "keyword=地方标准",
        "--db",
        db,
    ]
    table = runner.invoke(app, args, env={"COLUMNS": "250"})
    assert table.exit_code == 0, table.output
    assert "制定发布地方标准280项以上" in table.stdout and "2 行" in table.output and "辖区" in table.stdout
    as_json = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert {(r["jurisdiction"], r["value"]) for r in as_json} == {("宝鸡市", 50), ("渭南市", 280)}
    as_csv = list(csv.DictReader(io.StringIO(runner.invoke(app, [*args, "--format", "csv"]).stdout)))
    assert {r["数值"] for r in as_csv} == {"50", "280"}  # headers in Chinese by default, through viz/labels.py
    in_english = runner.invoke(app, [*args, "--format", "csv", "--lang", "en"]).stdout
    assert {r["value"] for r in csv.DictReader(io.StringIO(in_english))} == {"50", "280"}
    markdown = runner.invoke(app, [*args, "--format", "markdown"]).stdout.splitlines()
    assert markdown[0].startswith("| 单位 | 辖区 |") and markdown[1].startswith("| --- |") and len(markdown) == 4


def test_csv_and_xlsx_files_open_in_excel_terms(db: str, tmp_path: Path) -> None:
    """A CSV file starts with the BOM and round-trips through utf-8-sig; an xlsx has the headers and rows."""
    from openpyxl import load_workbook

    args = ["query", "run", "indicators/compare", "-p", "policy=陕政发〔2022〕16号", "-p", "keyword=地方标准"]
    target = tmp_path / "compare.csv"
    assert runner.invoke(app, [*args, "--db", db, "-f", "csv", "-o", str(target)]).exit_code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {(r["辖区"], r["数值"]) for r in rows} == {("宝鸡市", "50"), ("渭南市", "280")}
    book = tmp_path / "compare.xlsx"
    result = runner.invoke(app, [*args, "--db", db, "-f", "xlsx", "-o", str(book)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(book).active
    values = list(sheet.values)
    assert "辖区" in values[0] and len(values) == 3
    column = values[0].index("数值")
    assert {r[column] for r in values[1:]} == {50, 280}
    refused = runner.invoke(app, [*args, "--db", db, "-f", "xlsx"])
    assert refused.exit_code == 2 and "add -o FILE.xlsx" in refused.output


def test_lists_in_cells_are_joined_and_routes_drawn(db: str) -> None:
    result = runner.invoke(
        app, ["query", "run", "chain/downstream", "-p", "policy=国家标准化发展纲要", "--db", db, "-f", "csv"]
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert "渭政发〔2023〕16号 → 陕政发〔2022〕16号 → 国家标准化发展纲要" in {r["路径"] for r in rows}
    assert any("; " in r["责任"] for r in rows)


def test_output_file(db: str, tmp_path: Path) -> None:
    target = tmp_path / "out" / "stubs.json"
    result = runner.invoke(app, ["query", "run", "quality/stubs", "--db", db, "-f", "json", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert any(r["doc_id"] == "doc:陕政发〔2022〕16号" for r in json.loads(target.read_text(encoding="utf-8")))


def test_unknown_query_lists_what_exists(db: str) -> None:
    result = runner.invoke(app, ["query", "run", "chain/downstraem", "--db", db])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "did you mean chain/downstream" in result.output and "responsibility/department" in result.output
    assert runner.invoke(app, ["query", "show", "nope"]).exit_code == 1


def test_missing_and_bad_parameters_list_the_parameters(db: str) -> None:
    missing = runner.invoke(app, ["query", "run", "chain/to-department", "-p", "policy=x", "--db", db])
    assert missing.exit_code == 1
    assert "needs --param department=…" in missing.output and "jurisdiction: string = null" in missing.output
    bad = runner.invoke(app, ["query", "run", "indicators/due-by", "-p", "year=soon", "--db", db])
    assert bad.exit_code == 1 and "parameter year takes int, not 'soon'" in bad.output
    malformed = runner.invoke(app, ["query", "run", "indicators/due-by", "-p", "year", "--db", db])
    assert malformed.exit_code == 1 and "--param takes key=value" in malformed.output
    neither = runner.invoke(app, ["query", "run", "--db", db])
    assert neither.exit_code == 1 and "give a query name or --cypher" in neither.output
    fmt = runner.invoke(app, ["query", "run", "quality/stubs", "-f", "xml", "--db", db])
    assert fmt.exit_code == 2 and "unknown format" in fmt.output


def test_ad_hoc_cypher_reads_with_parameters(db: str) -> None:
    result = runner.invoke(
        app,
        [
            "query",
            "run",
            "--cypher",
            "MATCH (d:Document {doc_no: $no}) RETURN d.title AS title",
            "-p",
            "no=渭政发〔2023〕16号",
            "--db",
            db,
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"title": "渭南市人民政府关于印发贯彻落实《国家标准化发展纲要》实施方案的通知"}
    ]


@pytest.mark.parametrize("value", ["O'Brien } RETURN 1 //", '"; MATCH (n) DETACH DELETE n; "', "{}"])
def test_a_value_with_quotes_or_braces_is_only_a_value(db: str, value: str) -> None:
    result = runner.invoke(
        app, ["query", "run", "--cypher", "RETURN $v AS v", "-p", f"v={value}", "--db", db, "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"v": value}]
    canned = runner.invoke(app, ["query", "run", "chain/upstream", "-p", f"document={value}", "--db", db, "-f", "json"])
    assert canned.exit_code == 0 and json.loads(canned.stdout) == []


@pytest.mark.parametrize(
    "cypher", ["MATCH (n) DETACH DELETE n", "CREATE (:Document {doc_id: 'x'})", "MATCH (d:Document) SET d.stub = true"]
)
def test_ad_hoc_writes_are_refused(db: str, cypher: str) -> None:
    before = runner.invoke(app, ["info", "--db", db]).stdout
    result = runner.invoke(app, ["query", "run", "--cypher", cypher, "--db", db])
    assert result.exit_code == 1 and "refused" in result.output and "Traceback" not in result.output
    assert runner.invoke(app, ["info", "--db", db]).stdout == before


def test_the_backend_refuses_writes_the_text_check_would_miss(db: str) -> None:
    # belt and braces: GRAPH.RO_QUERY refuses a write whatever the text looks like
    from queries.runner import run_cypher

    with open_store(None, Path(db)) as store:
        from loaders.errors import StoreError

        with pytest.raises(StoreError):
            store.read_only("CREATE (:Document {doc_id: 'sneaky'})")
        assert run_cypher(store, "MATCH (d:Document {doc_id: 'sneaky'}) RETURN count(d) AS n").rows == [{"n": 0}]


def test_a_target_of_the_document_itself_shows_its_issuer_not_an_empty_department(db: str) -> None:
    # weinan-standardization-plan-2023.txt:28: (二)发展目标。到2025年 … targets no task's units answer for
    args = ["query", "run", "indicators/due-by", "-p", "year=2025", "-p", "since=2025", "-p", "jurisdiction=渭南市"]
    shown = runner.invoke(app, [*args, "--db", db, "-f", "csv"])
    assert shown.exit_code == 0, shown.output
    rows = list(csv.DictReader(io.StringIO(shown.stdout.lstrip("\ufeff"))))
    local = next(r for r in rows if r["指标"] == "制定发布地方标准280项以上")
    assert local["目标责任方"] == "文件目标 · 渭南市人民政府" and local["部门"] == ""
    assert all(r["目标责任方"] for r in rows)
    english = runner.invoke(app, [*args, "--db", db, "-f", "csv", "--lang", "en"])
    assert "document target · 渭南市人民政府" in english.stdout
    raw = json.loads(runner.invoke(app, [*args, "--db", db, "-f", "json"]).stdout)
    assert {"owner": "渭南市人民政府", "owner_kind": "document"}.items() <= next(
        r for r in raw if r["indicator"] == "制定发布地方标准280项以上"
    ).items()


def test_coded_values_read_as_words_except_in_json(db: str) -> None:
    args = ["query", "run", "chain/upstream", "-p", "document=宝政发〔2022〕19号", "--db", db]
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, [*args, "-f", "csv"]).stdout)))
    assert rows and {r["关系"] for r in rows} == {"贯彻落实"} and {r["在语料中"] for r in rows} <= {"是", "否"}
    english = list(csv.DictReader(io.StringIO(runner.invoke(app, [*args, "-f", "csv", "--lang", "en"]).stdout)))
    assert {r["relation"] for r in english} == {"implements"} and {r["in_corpus"] for r in english} <= {"yes", "no"}
    as_json = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert {r["relation"] for r in as_json} == {"implements"} and {type(r["in_corpus"]) for r in as_json} == {bool}


def test_statuses_read_as_words(db: str) -> None:
    args = ["query", "run", "supervision/by-status", "-p", "as_of=2019-01-01", "--db", db]
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, [*args, "-f", "csv"]).stdout)))
    assert rows and {r["进展状态"] for r in rows} == {"未填报"}  # nothing reported in this store
    as_json = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert {r["status"] for r in as_json} == {"unreported"}
