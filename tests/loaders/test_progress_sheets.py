"""Progress sheets read back (loaders/status.py) and due dates as of a day (loaders/due.py): no database."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from loaders.due import due_as_of, plan_year, recurrence
from loaders.errors import ParseError
from loaders.status import parse_sheet_date, parse_status, read_sheet, template_headers
from tests.sheets import write_csv

HEADER = template_headers()


def _rows(*reports: tuple[str, str, str, str, str]) -> list[list[str]]:
    """Template-shaped rows: task id, then the four report columns (the other columns blank)."""
    rows = [list(HEADER)]
    for task_id, status, done_on, note, reporter in reports:
        row = [""] * len(HEADER)
        row[HEADER.index("任务ID")] = task_id
        for column, value in zip(
            ("进展状态", "完成日期", "进展说明", "填报人"), (status, done_on, note, reporter), strict=True
        ):
            row[HEADER.index(column)] = value
        rows.append(row)
    return rows


GOOD = _rows(
    ("doc:a#1", "已完成", "2018-11-30", "建成研发机构 3 个", "张三"),
    ("doc:a#2", "推进中", "", "已立项", "李四"),
    ("doc:a#3", "", "", "", ""),  # sent back unfilled
    ("doc:a#4", "Not started", "", "", "王五"),
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_with_and_without_bom_and_in_gbk(tmp_path: Path, encoding: str) -> None:
    sheet = read_sheet(write_csv(tmp_path / "s.csv", GOOD, encoding))
    assert not sheet.problems and sheet.blank == 1
    assert [(r.task_id, r.status, r.done_on, r.row) for r in sheet.rows] == [
        ("doc:a#1", "done", "2018-11-30", 2),
        ("doc:a#2", "in_progress", None, 3),
        ("doc:a#4", "not_started", None, 5),
    ]
    assert sheet.rows[0].note == "建成研发机构 3 个" and sheet.rows[0].reporter == "张三"


def test_xlsx_with_a_real_date_cell(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    assert ws is not None
    for row in GOOD:
        ws.append(row)
    ws.cell(row=2, column=HEADER.index("完成日期") + 1, value=datetime(2018, 11, 30))
    book.save(tmp_path / "s.xlsx")
    sheet = read_sheet(tmp_path / "s.xlsx")
    assert not sheet.problems and [r.done_on for r in sheet.rows] == ["2018-11-30", None, None]


def test_every_bad_row_is_named_with_its_row_number(tmp_path: Path) -> None:
    rows = _rows(
        ("doc:a#1", "已完成", "2018-11-30", "", ""),
        ("doc:a#2", "差不多", "", "", ""),  # row 3: unknown status
        ("doc:a#3", "已完成", "去年", "", ""),  # row 4: unreadable date
        ("doc:a#1", "推进中", "", "", ""),  # row 5: the same task twice
        ("", "推进中", "", "", ""),  # row 6: no id
    )
    sheet = read_sheet(write_csv(tmp_path / "bad.csv", rows, "utf-8-sig"))
    assert [p.row for p in sheet.problems] == [3, 4, 5, 6]
    assert "差不多" in str(sheet.problems[0]) and str(sheet.problems[0]).startswith(f"{tmp_path / 'bad.csv'}: row 3")
    assert "去年" in sheet.problems[1].message and "twice" in sheet.problems[2].message


def test_a_sheet_without_the_columns_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="进展状态"):
        read_sheet(write_csv(tmp_path / "x.csv", [["任务ID", "备注"], ["doc:a#1", "x"]], "utf-8"))
    (tmp_path / "x.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ParseError, match="xlsx or .csv"):
        read_sheet(tmp_path / "x.xls")
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ParseError, match="not a readable xlsx"):
        read_sheet(tmp_path / "broken.xlsx")


def test_status_words_and_dates() -> None:
    assert [parse_status(w) for w in ("未启动", "推进中", "已完成", "已销号")] == list(
        ("not_started", "in_progress", "done", "closed")
    )
    assert [parse_status(w) for w in ("not_started", "In Progress", "DONE", "closed", "进行中")] == [
        "not_started",
        "in_progress",
        "done",
        "closed",
        "in_progress",
    ]
    assert parse_status("好") is None
    assert parse_sheet_date("2019.3.1") == "2019-03-01" and parse_sheet_date(date(2019, 3, 1)) == "2019-03-01"
    for bad in ("2019-02-30", "明年", "2019年13月1日"):
        with pytest.raises(ValueError):
            parse_sheet_date(bad)


# --- due dates ---

AS_OF = date(2024, 5, 10)


@pytest.mark.parametrize(
    ("deadline", "words", "text", "expected"),
    [
        (None, "每月", "每月调度", "2024-05-31"),
        (None, "每季度", "每季度报送", "2024-06-30"),
        (None, "每年", "每年召开", "2024-12-31"),
        (None, "定期", "每半年报送一次，定期通报", "2024-06-30"),  # the period from the text
        ("2022-09-30", "每年9月底前", "于每年9月底前提出", "2024-09-30"),
        ("2022-03-31", "每年3月底前", "每年3月底前报送", "2025-03-31"),  # this year's passed: next year's
    ],
)
def test_a_recurring_duty_falls_due_at_the_end_of_the_period_running(
    deadline: str | None, words: str, text: str, expected: str
) -> None:
    due = due_as_of(deadline, words, text, True, AS_OF)
    assert (due.date, due.basis) == (expected, "recurring")


def test_fixed_undated_plan_year_and_recurring_until_a_fixed_end() -> None:
    assert due_as_of("2018-12-31", "年底前", "年底前完成", False, AS_OF).date == "2018-12-31"
    assert due_as_of(None, "持续推进", "持续推进", False, AS_OF).basis == "none"
    assert due_as_of(None, "常态化", "常态化开展", True, AS_OF).basis == "none"  # no period named
    # a yearly duty in the 2018 annual plan is that year's
    assert due_as_of(None, "每年", "每年专题研究不少于2次", True, AS_OF, 2018).date == "2018-12-31"
    # recurs monthly until 2025: this month's end; past 2025, the end is what was missed
    assert due_as_of("2025-12-31", "到2025年", "每月调度，到2025年完成", True, AS_OF).date == "2024-05-31"
    late = due_as_of("2023-12-31", "到2023年", "每月调度，到2023年完成", True, AS_OF)
    assert (late.date, late.basis) == ("2023-12-31", "fixed")


def test_periods_and_plan_years() -> None:
    assert recurrence("每周一次") == "week" and recurrence("每学期") == "half" and recurrence("定期") is None
    assert plan_year("关于印发《2018年宝鸡市国家创新型试点城市建设工作目标任务》的通知") == 2018
    assert plan_year("三年行动方案（2021—2023年）") is None and plan_year("实施方案") is None
