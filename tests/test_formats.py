"""Every format any `--help` offers works: the Click command tree is walked, each command with a `--format`
option is run in each format it lists, and its output is opened the way a user would (CSV through utf-8-sig,
xlsx through openpyxl, JSON through json)."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from graph.ingest import ingest
from graph.store import open_store
from policygraph.app import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

# the arguments each command with --format is run with (a new command with --format must be added here)
SAMPLE_ARGS: dict[str, list[str]] = {
    "report load": ["--limit", "5"],
    "report department": ["宝鸡市科技局"],
    "report document": ["宝市创新办发〔2018〕4号"],
    "report chain": ["渭政发〔2023〕16号"],
    "report compare": ["宝鸡市", "渭南市"],
    "report due": ["--as-of", "2019-01-01"],
    "query run": ["indicators/compare", "-p", "policy=陕政发〔2022〕16号", "-p", "keyword=地方标准"],
    "export": [],
}
# what each command's main table must show (in Chinese, the default)
EXPECTED_CELL = {
    "report load": "宝鸡市科学技术局",
    "report department": "①加快建设国家创新型城市",
    "report document": "宝鸡市科学技术局",
    "report chain": "陕政发〔2022〕16号",
    "report compare": "渭政发〔2023〕16号",
    "report due": "宝市创新办发〔2018〕4号",
    "query run": "渭南市",
}


def commands_with_formats() -> Iterator[tuple[str, str]]:
    """(command path, format) for every format listed in the help of a `--format` option."""

    def walk(command: Any, path: list[str]) -> Iterator[tuple[str, Any]]:
        subs = getattr(command, "commands", None)
        if subs:
            for name, sub in subs.items():
                yield from walk(sub, [*path, name])
        else:
            yield " ".join(path), command

    for name, command in walk(typer.main.get_command(app), []):
        for param in command.params:
            if "--format" in getattr(param, "opts", ()):
                for fmt in re.split(r"\s*\|\s*", (param.help or "").split("(")[0].strip()):
                    yield name, fmt


CASES = sorted(commands_with_formats())


def test_the_walk_finds_the_report_and_query_formats() -> None:
    assert ("report department", "xlsx") in CASES and ("query run", "xlsx") in CASES
    assert {fmt for name, fmt in CASES if name == "report chain"} == {
        "table",
        "markdown",
        "html",
        "csv",
        "json",
        "xlsx",
    }


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("formats") / "graph.db"
    store = open_store(None, path, mode="create")
    try:
        ingest(
            store,
            [
                ROOT / "data/corpus/baoji-innovation-city-tasks-2018.txt",
                ROOT / "data/corpus/weinan-standardization-plan-2023.txt",
                ROOT / "data/corpus/baoji-gazette-2023-01.txt",  # with the Weinan plan: what `report compare` shows
            ],
        )
    finally:
        store.close()
    return path


@pytest.mark.parametrize(("command", "fmt"), CASES, ids=[f"{c.replace(' ', '-')}-{f}" for c, f in CASES])
def test_every_advertised_format_works(db: Path, tmp_path: Path, command: str, fmt: str) -> None:
    assert command in SAMPLE_ARGS, f"{command} offers --format: add its sample arguments to SAMPLE_ARGS"
    args = [*command.split(), *SAMPLE_ARGS[command], "--format", fmt, "--db", str(db)]
    if command == "export":
        result = runner.invoke(app, [*args, str(tmp_path / "export")])
        assert result.exit_code == 0, result.output
        assert any(p.stat().st_size for p in (tmp_path / "export").rglob("*") if p.is_file())
        return
    target = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, args if fmt == "table" else [*args, "-o", str(target)], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    expected = EXPECTED_CELL[command]
    if fmt == "table":
        assert expected in result.stdout
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(target).worksheets[0]
        values = [[cell for cell in row] for row in sheet.values]
        assert len(values) > 1 and all(isinstance(h, str) and h for h in values[0])
        headers = "".join(values[0]).replace("PageRank", "")  # a proper name
        assert not re.search(r"[A-Za-z]{4,}", headers), values[0]  # Chinese headers by default
        assert any(expected in str(cell) for row in values[1:] for cell in row)
    elif fmt == "csv":
        raw = target.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs
        with target.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0][0] != "\ufeff" and not rows[0][0].startswith("\ufeff")
        assert len(rows) > 1 and any(expected in cell for row in rows[1:] for cell in row)
    elif fmt == "json":
        assert expected in json.dumps(json.loads(target.read_text(encoding="utf-8")), ensure_ascii=False)
    else:
        assert expected in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["report department", "report document"])
def test_task_rows_carry_their_source_line_and_text(db: Path, tmp_path: Path, command: str) -> None:
    """Every task row of a CSV says where it is printed (`file:line`) and what is printed there."""
    target = tmp_path / "tasks.csv"
    args = [*command.split(), *SAMPLE_ARGS[command], "--format", "csv", "--db", str(db), "-o", str(target)]
    assert runner.invoke(app, args).exit_code == 0
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for row in rows:
        name, _, number = row["出处"].rpartition(":")
        source = ROOT / "data/corpus" / name
        assert source.is_file() and row["任务"]
        lines = source.read_text(encoding="utf-8").split("\n")
        assert lines[int(number) - 1].strip() in row["原文"]  # the quoted line is the line named


def test_english_headers_on_request(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "d.csv"
    args = ["report", "department", "宝鸡市科技局", "--format", "csv", "--lang", "en", "--db", str(db)]
    assert runner.invoke(app, [*args, "-o", str(target)]).exit_code == 0
    header = target.read_text(encoding="utf-8-sig").split("\n")[0]
    assert header == "document,path,role,task,deadline,source,source text"


def test_report_copied_alone_keeps_its_evidence(db: Path, tmp_path: Path) -> None:
    """A report e-mailed on its own: the file:line and the verbatim source text are in it, no link leaves it."""
    written = tmp_path / "a" / "document.html"
    args = ["report", "document", "宝市创新办发〔2018〕4号", "--format", "html", "--db", str(db), "-o", str(written)]
    assert runner.invoke(app, args).exit_code == 0
    alone = tmp_path / "elsewhere" / "deep" / "document.html"
    alone.parent.mkdir(parents=True)
    alone.write_bytes(written.read_bytes())
    html = alone.read_text(encoding="utf-8")
    line = next(
        i
        for i, text in enumerate(
            (ROOT / "data/corpus/baoji-innovation-city-tasks-2018.txt").read_text(encoding="utf-8").split("\n"), 1
        )
        if "①加快建设国家创新型城市" in text
    )
    assert f"baoji-innovation-city-tasks-2018.txt:{line}" in html and "①加快建设国家创新型城市" in html
    assert not re.findall(r'(?:href|src)="(?!#)[^"]*"', html)  # nothing outside the file
    assert "<h2>任务 (147)</h2>" in html and '<html lang="zh-CN">' in html


def test_query_task_rows_carry_their_source_line(db: Path, tmp_path: Path) -> None:
    """A canned query that returns tasks gives each row its `file:line`; the task text starts on that line."""
    target = tmp_path / "dept.csv"
    # the 2018 table only (the db also holds the 2022 宝鸡 gazette): its 10 sub-tasks of 科技局
    args = [
        "query",
        "run",
        "responsibility/department",
        "-p",
        "department=宝鸡市科技局",
        "-p",
        "until=2018",
        "-f",
        "csv",
    ]
    assert runner.invoke(app, [*args, "--db", str(db), "-o", str(target)]).exit_code == 0
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    source = ROOT / "data/corpus/baoji-innovation-city-tasks-2018.txt"
    lines = source.read_text(encoding="utf-8").split("\n")
    assert len(rows) == 10 and "span" not in rows[0]
    for row in rows:
        name, _, number = row["出处"].rpartition(":")
        assert name == source.name
        assert row["任务"][:12] in lines[int(number) - 1], (row["任务"], lines[int(number) - 1])
