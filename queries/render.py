"""Query results as text: csv, json, markdown, and the cell text the terminal table shows.

Lists in a cell are joined with "; " (they hold names and clauses, which contain commas of their own);
a `route` column (a chain of documents) with " → ".
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from queries.runner import QueryResult

FORMATS = ("table", "csv", "json", "markdown", "xlsx")
FILE_FORMATS = ("xlsx",)  # binary: written to a file (-o), never to a terminal
LIST_SEPARATOR = "; "
ROUTE_SEPARATOR = " → "


def cell(value: Any, column: str = "", limit: int | None = None) -> str:
    """One value as readable text: null is empty, lists joined, maps as JSON, floats without noise;
    cut to `limit` characters (with …) when given."""
    text = _text(value, ROUTE_SEPARATOR if column == "route" else LIST_SEPARATOR)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def _text(value: Any, separator: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    if isinstance(value, (list, tuple)):
        return separator.join(_text(v, LIST_SEPARATOR) for v in value if v is not None)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def to_csv(result: QueryResult, headers: list[str] | None = None) -> str:
    """`headers`: the column names to show (translated), default the query's own."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers or result.columns)
    for row in result.rows:
        writer.writerow([cell(row.get(c), c) for c in result.columns])
    return buffer.getvalue()


def _plain(value: Any) -> Any:
    """JSON-ready: nodes and other driver objects become their text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    properties = getattr(value, "properties", None)
    if isinstance(properties, dict):
        return _plain(properties)
    return str(value)


def to_json(result: QueryResult, headers: list[str] | None = None) -> str:
    """Keys are the query's own column names in every language: scripts read them (`headers` is ignored)."""
    rows = [{c: _plain(row.get(c)) for c in result.columns} for row in result.rows]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")


def to_markdown(result: QueryResult, headers: list[str] | None = None) -> str:
    lines = [
        "| " + " | ".join(_md(c) for c in headers or result.columns) + " |",
        "|" + "|".join(" --- " for _ in result.columns) + "|",
    ]
    for row in result.rows:
        lines.append("| " + " | ".join(_md(cell(row.get(c), c)) for c in result.columns) + " |")
    return "\n".join(lines) + "\n"


TEXT_FORMATS = {"csv": to_csv, "json": to_json, "markdown": to_markdown}
