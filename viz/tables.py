"""Tabular exports of reports and query results: CSV (Excel opens it through the BOM the writer adds), markdown
and xlsx (openpyxl), headers in the language in use (viz/labels.py).

A report is a list of `Sheet`s; CSV carries the first (the main table), markdown and xlsx carry them all.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from viz.labels import t

CSV_ENCODING = "utf-8-sig"  # the BOM makes Excel on a Chinese Windows machine read UTF-8, not GBK
XLSX_SHEET_NAME = 31  # Excel's limit on a worksheet name


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table: `title` and `columns` are label keys (viz/labels.py), or text shown as it is."""

    title: str
    columns: Sequence[str]
    rows: list[list[Any]] = field(default_factory=list)

    def headers(self) -> list[str]:
        return [t(c) for c in self.columns]


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value else "0"
    if isinstance(value, (list, tuple)):
        return "; ".join(text(v) for v in value if v is not None)
    return str(value)


def to_csv(sheets: Sequence[Sheet]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    main = sheets[0]
    writer.writerow(main.headers())
    for row in main.rows:
        writer.writerow([text(v) for v in row])
    return buffer.getvalue()


def _md(value: Any) -> str:
    return text(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")


def _numeric(sheet: Sheet, column: int) -> bool:
    """A column of numbers only (blanks allowed): right-aligned in markdown."""
    values = [row[column] for row in sheet.rows if row[column] is not None and row[column] != ""]
    return bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def to_markdown(sheets: Sequence[Sheet], title: str = "", intro: str = "") -> str:
    lines = [f"# {title}", ""] if title else []
    lines += [intro, ""] if intro else []
    for sheet in sheets:
        lines += [f"## {t(sheet.title)}", ""] if len(sheets) > 1 or not title else []
        lines.append("| " + " | ".join(_md(h) for h in sheet.headers()) + " |")
        lines.append("|" + "|".join("---:" if _numeric(sheet, i) else "---" for i in range(len(sheet.columns))) + "|")
        lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in sheet.rows]
        lines.append("")
    return "\n".join(lines)


def _xlsx_value(value: Any) -> Any:
    if value is None or isinstance(value, (int, float, str)) and not isinstance(value, bool):
        return value
    return text(value)


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with a worksheet per sheet: a bold header row, frozen, numbers kept as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    used: set[str] = set()
    for sheet in sheets:
        name = "".join(ch for ch in t(sheet.title) if ch not in "[]:*?/\\")[:XLSX_SHEET_NAME] or "sheet"
        while name in used:
            name = name[: XLSX_SHEET_NAME - 1] + "_"
        used.add(name)
        ws = book.create_sheet(name)
        ws.append(sheet.headers())
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for row in sheet.rows:
            ws.append([_xlsx_value(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
