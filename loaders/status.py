"""Progress sheets a department fills in (进展状态 / 完成日期 / 进展说明 / 填报人), read back into typed rows.

Reads xlsx (openpyxl) and csv (UTF-8 with or without BOM, else GBK/GB18030); knows no database: whether a
task id exists is the graph's question (graph/status.py). Row numbers are the sheet's own (header = row 1).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from loaders.dates import parse_date
from loaders.errors import ParseError

Status = Literal["not_started", "in_progress", "done", "closed"]
STATUSES: tuple[Status, ...] = ("not_started", "in_progress", "done", "closed")
STATUS_ZH: dict[Status, str] = {"not_started": "未启动", "in_progress": "推进中", "done": "已完成", "closed": "已销号"}
FINISHED: frozenset[str] = frozenset(("done", "closed"))  # nothing more is owed
# every spelling a sheet may carry, folded (lower case, no spaces, _ and -) → the status
_STATUS_WORDS: dict[str, Status] = {
    **{zh: code for code, zh in STATUS_ZH.items()},
    **{code.replace("_", ""): code for code in STATUSES},
    "未开始": "not_started",
    "未开展": "not_started",
    "notstarted": "not_started",
    "todo": "not_started",
    "进行中": "in_progress",
    "推进中": "in_progress",
    "正在推进": "in_progress",
    "inprogress": "in_progress",
    "ongoing": "in_progress",
    "started": "in_progress",
    "完成": "done",
    "已办结": "done",
    "completed": "done",
    "complete": "done",
    "finished": "done",
    "销号": "closed",
    "已关闭": "closed",
    "closed": "closed",
}

# the sheet's columns, as the template writes them; the reader finds them by these headers or their English keys
TEMPLATE_COLUMNS = (
    ("task_id", "任务ID"),
    ("document", "文号"),
    ("task_path", "任务编号"),
    ("task", "任务内容"),
    ("department", "责任单位"),
    ("role", "角色"),
    ("deadline", "期限"),
    ("deadline_text", "期限原文"),
    ("source", "出处"),
    ("status", "进展状态"),
    ("done_on", "完成日期"),
    ("note", "进展说明"),
    ("reporter", "填报人"),
)
REPORT_KEYS = ("status", "done_on", "note", "reporter")  # the columns a department fills in
_HEADERS = {zh: key for key, zh in TEMPLATE_COLUMNS} | {key: key for key, _ in TEMPLATE_COLUMNS}
_SLASHED = re.compile(r"^\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


@dataclass(frozen=True, slots=True)
class StatusRow:
    """One reported row: what a department says of one task."""

    task_id: str
    status: Status
    done_on: str | None  # ISO date the work was finished (已完成/已销号), as the sheet gives it
    note: str
    reporter: str
    file: str
    row: int  # the sheet's row number (its header is row 1)


@dataclass(frozen=True, slots=True)
class SheetProblem:
    """A row that cannot be taken: the whole sheet is refused."""

    file: str
    row: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}: row {self.row}: {self.message}"


@dataclass(frozen=True, slots=True)
class StatusSheet:
    """A sheet read: its rows with a status, rows left blank (nothing reported), and problems."""

    file: str
    sha256: str
    rows: tuple[StatusRow, ...]
    blank: int
    problems: tuple[SheetProblem, ...]


def parse_status(value: str) -> Status | None:
    """A status in any of its spellings (未启动, 推进中, In progress, done …); None when unknown.

    >>> parse_status("已完成"), parse_status(" In progress "), parse_status("not_started"), parse_status("?")
    ('done', 'in_progress', 'not_started', None)
    """
    folded = re.sub(r"[\s_\-]+", "", value).lower()
    return _STATUS_WORDS.get(folded)


def parse_sheet_date(value: Any) -> str | None:
    """A date cell: a date (xlsx), 2019-03-01, 2019/3/1, 2019.3.1, 2019年3月1日; ValueError when unreadable.

    >>> parse_sheet_date("2019/3/1"), parse_sheet_date("2019年3月1日"), parse_sheet_date(""), parse_sheet_date(date(2019, 3, 1))
    ('2019-03-01', '2019-03-01', None, '2019-03-01')
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    m = _SLASHED.match(text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            raise ValueError(text) from None
    found = parse_date(text)
    if found is None or len(text) > 16:
        raise ValueError(text)
    return found


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def decode_csv(data: bytes, name: str) -> str:
    """CSV bytes as text: UTF-8 (a BOM dropped), else GB18030 (GBK's superset, what Excel on a Chinese
    Windows machine saves)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ParseError(f"{name}: neither UTF-8 nor GBK text: save the sheet as CSV UTF-8 or xlsx")


def _table(path: Path, data: bytes) -> list[list[Any]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [list(r) for r in csv.reader(io.StringIO(decode_csv(data, str(path))))]
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises zipfile, KeyError, InvalidFileException … on a bad file
            raise ParseError(f"{path}: not a readable xlsx workbook ({type(exc).__name__})") from None
        try:
            sheet = book.worksheets[0]
            return [list(r) for r in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    raise ParseError(f"{path}: a progress sheet is .xlsx or .csv, not {suffix or 'a file without extension'}")


def read_sheet(path: Path) -> StatusSheet:
    """A filled template read into rows; every problem (unknown status, unreadable date, no task id, a task
    twice) is collected with its row number, none raised. ParseError when the file cannot be read at all."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"{path}: {exc.strerror}") from None
    table = _table(path, data)
    name = str(path)
    while table and not any(_cell(v) for v in table[0]):
        table.pop(0)
    if not table:
        raise ParseError(f"{name}: empty sheet (no header row)")
    columns = {_HEADERS[_cell(v)]: i for i, v in reversed(list(enumerate(table[0]))) if _cell(v) in _HEADERS}
    missing = [zh for key, zh in TEMPLATE_COLUMNS if key in ("task_id", "status") and key not in columns]
    if missing:
        raise ParseError(
            f"{name}: no column {'/'.join(missing)} in the header row (fill in the template of `status template`)"
        )
    rows: list[StatusRow] = []
    problems: list[SheetProblem] = []
    blank = 0
    seen: dict[str, int] = {}
    for number, values in enumerate(table[1:], start=2):
        row = {key: values[i] if i < len(values) else None for key, i in columns.items()}
        reported = {key: _cell(row.get(key)) for key in REPORT_KEYS}
        task_id = _cell(row.get("task_id"))
        if not task_id and not any(_cell(v) for v in values):
            continue  # an empty line
        if not any(reported.values()):
            blank += 1  # sent back unfilled: nothing reported
            continue
        found = _row(name, number, task_id, reported, row.get("done_on"), seen, problems)
        if found is not None:
            rows.append(found)
    return StatusSheet(name, hashlib.sha256(data).hexdigest(), tuple(rows), blank, tuple(problems))


def _row(
    name: str,
    number: int,
    task_id: str,
    reported: dict[str, str],
    done_cell: Any,
    seen: dict[str, int],
    problems: list[SheetProblem],
) -> StatusRow | None:
    before = len(problems)
    if not task_id:
        problems.append(SheetProblem(name, number, "no 任务ID (task id)"))
    elif task_id in seen:
        problems.append(SheetProblem(name, number, f"task {task_id} reported twice (row {seen[task_id]} too)"))
    else:
        seen[task_id] = number
    status = parse_status(reported["status"]) if reported["status"] else None
    if status is None:
        said = f"unknown 进展状态 {reported['status']!r}" if reported["status"] else "no 进展状态"
        problems.append(SheetProblem(name, number, f"{said}: use {' / '.join(STATUS_ZH.values())}"))
    try:
        done_on = parse_sheet_date(done_cell)
    except ValueError:
        problems.append(SheetProblem(name, number, f"unreadable 完成日期 {reported['done_on']!r}: write 2019-03-01"))
        done_on = None
    if len(problems) > before or status is None:
        return None
    return StatusRow(task_id, status, done_on, reported["note"], reported["reporter"], name, number)


def template_rows(rows: Iterable[dict[str, Any]]) -> list[list[Any]]:
    """Template rows in the TEMPLATE_COLUMNS order, the report columns left empty."""
    keys = [key for key, _ in TEMPLATE_COLUMNS]
    return [[row.get(k) if k not in REPORT_KEYS else None for k in keys] for row in rows]


def template_headers() -> Sequence[str]:
    return [zh for _, zh in TEMPLATE_COLUMNS]
