"""`status template`, `status import`, `status history` and `report due` end to end through the CLI on data/corpus:
the sheet written, filled as a department would (xlsx, UTF-8 CSV with and without BOM, GBK CSV), read back."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from graph.ingest import ingest
from graph.store import open_store
from policygraph.app import app
from tests.sheets import write_csv

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "graph.db"
    store = open_store(None, path, mode="create")
    try:
        with contextlib.chdir(ROOT):
            ingest(store, [ROOT / "data" / "corpus"])
    finally:
        store.close()
    return path


def run(*args: str) -> object:
    return runner.invoke(app, [*args])


def _template_csv(db: Path, tmp_path: Path) -> list[list[str]]:
    target = tmp_path / "t.csv"
    result = runner.invoke(
        app, ["status", "template", "--department", "宝鸡市科技局", "-o", str(target), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))


def _fill(rows: list[list[str]], statuses: dict[int, str]) -> list[list[str]]:
    header = rows[0]
    out = [header]
    for i, row in enumerate(rows[1:]):
        row = list(row)
        if i in statuses:
            row[header.index("进展状态")] = statuses[i]
            row[header.index("进展说明")] = "按期推进"
        out.append(row)
    return out


def test_xlsx_template_round_trip_and_report_due(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "kj.xlsx"
    result = runner.invoke(
        app, ["status", "template", "--department", "宝鸡市科技局", "-o", str(target), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(target)
    sheet = book.worksheets[0]
    values = [list(r) for r in sheet.values]
    header = values[0]
    assert header[0] == "任务ID" and header[-4:] == ["进展状态", "完成日期", "进展说明", "填报人"]
    ids = [r[0] for r in values[1:]]
    assert len(ids) == len(set(ids)) > 20 and all(r[-4:] == [None] * 4 for r in values[1:])
    plan_rows = [i for i, r in enumerate(values[1:], start=2) if r[1] == "宝市创新办发〔2018〕4号" and r[6]]
    done, going = plan_rows[:2]
    sheet.cell(row=done, column=header.index("进展状态") + 1, value="已完成")
    sheet.cell(row=done, column=header.index("完成日期") + 1, value="2018-12-15")
    sheet.cell(row=going, column=header.index("进展状态") + 1, value="in progress")
    filled = tmp_path / "kj-filled.xlsx"
    book.save(filled)
    result = runner.invoke(app, ["status", "import", str(filled), "--date", "2019-01-05", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 reports added, 0 already imported" in result.output
    again = runner.invoke(app, ["status", "import", str(filled), "--date", "2019-01-05", "--db", str(db)])
    assert again.exit_code == 0 and "0 reports added, 2 already imported" in again.output
    out = tmp_path / "due.json"
    result = runner.invoke(
        app, ["report", "due", "--as-of", "2019-01-01", "-f", "json", "-o", str(out), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    overdue = {r["task_id"]: r for r in data["overdue"]}
    assert ids[done - 2] not in overdue and overdue[ids[going - 2]]["status"] == "in_progress"
    assert data["counts"]["finished"] == 1 and data["statuses"]["done"] == 1
    assert data["by_department"][0]["overdue"] >= data["by_department"][-1]["overdue"]
    history = runner.invoke(app, ["status", "history", ids[done - 2], "--db", str(db)])
    assert history.exit_code == 0 and "已完成" in history.output and "2019-01-05" in history.output


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_sheets_in_each_encoding_are_read_back(db: Path, tmp_path: Path, encoding: str) -> None:
    rows = _fill(_template_csv(db, tmp_path), {0: "推进中", 1: "已销号", 2: "未启动"})
    sheet = write_csv(tmp_path / f"filled-{encoding}.csv", rows, encoding)
    result = runner.invoke(app, ["status", "import", str(sheet), "--date", "2019-02-01", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "3 reports added" in result.output and f"{len(rows) - 4} rows left blank" in result.output


def test_a_bad_row_refuses_the_whole_sheet_with_its_row_number(db: Path, tmp_path: Path) -> None:
    rows = _fill(_template_csv(db, tmp_path), {0: "推进中", 1: "快好了", 2: "已完成"})  # row 3: unknown status
    rows[3][rows[0].index("完成日期")] = "去年年底"  # row 4: unreadable date
    bad = write_csv(tmp_path / "bad.csv", rows, "utf-8-sig")
    good = write_csv(tmp_path / "good.csv", _fill(rows[:1] + rows[5:7], {0: "推进中"}), "utf-8-sig")
    result = runner.invoke(app, ["status", "import", str(bad), str(good), "--date", "2019-02-01", "--db", str(db)])
    assert result.exit_code == 1
    assert f"{bad}: refused, nothing imported (2 bad rows)" in result.output
    assert (
        f"{bad}: row 3: unknown 进展状态 '快好了'" in result.output
        and f"{bad}: row 4: unreadable 完成日期" in result.output
    )
    assert "Traceback" not in result.output
    assert f"{good}: 1 reports added" in result.output  # another department's sheet is its own
    due = runner.invoke(app, ["report", "due", "--as-of", "2019-01-01", "-f", "json", "--db", str(db)])
    assert json.loads(due.stdout)["statuses"].get("in_progress") == 1  # nothing of the bad sheet went in


def test_bad_options_fail_in_one_line(db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "due", "--as-of", "1 January", "--db", str(db)])
    assert result.exit_code == 2 and "--as-of takes an ISO date" in result.output
    result = runner.invoke(app, ["status", "template", "-o", str(tmp_path / "t.txt"), "--db", str(db)])
    assert result.exit_code == 2 and ".xlsx or .csv" in result.output
    result = runner.invoke(
        app, ["status", "template", "--department", "火星局", "-o", str(tmp_path / "t.csv"), "--db", str(db)]
    )
    assert result.exit_code == 1 and "no department" in result.output
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["status", "import", str(tmp_path / "empty.csv"), "--db", str(db)])
    assert result.exit_code == 1 and "empty sheet" in result.output
