"""Supervision pages and tables: what is overdue or falling due as of a date (`report due`), the progress
template sent to departments, and the status counts the index and department pages show.

Words from viz/labels.py (Chinese first); the HTML page is offline and carries its evidence (viz/html.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graph.status import DueReport
from loaders.status import STATUSES, TEMPLATE_COLUMNS, template_rows
from viz.html import esc, evidence, page, section, table
from viz.labels import LABELS, role, t
from viz.sources import SourceLines
from viz.tables import Sheet, to_markdown

DUE_COLUMNS = (
    "due.due",
    "due.days_late",
    "department",
    "document",
    "task_path",
    "task",
    "due.deadline_words",
    "due.basis",
    "due.status",
    "due.reported_on",
    "source",
)
UNDATED_COLUMNS = ("department", "document", "task_path", "task", "due.deadline_words", "due.status", "source")
COUNT_COLUMNS = ("due.overdue", "due.falling_due", "due.undated")
STATUS_COLOURS = {
    "not_started": "#c0392b",
    "in_progress": "#e67e22",
    "done": "#27ae60",
    "closed": "#7f8c8d",
    "unreported": "#95a5a6",
}


def status_label(status: str | None) -> str:
    return t(f"status.{status or 'unreported'}")


def _units(row: Mapping[str, Any]) -> str:
    names = []
    for unit in row["departments"]:
        name = unit["name"] + (f"（{unit['printed']}）" if unit["printed"] != unit["name"] else "")
        names.append(f"{name}[{role(unit['role'])}]")
    return "、".join(names)


def _row(row: Mapping[str, Any], lines: SourceLines) -> list[Any]:
    return [
        row["due"],
        row["days_late"],
        _units(row),
        row["document"],
        row["task_path"],
        row["task"],
        row["deadline_text"],
        t(f"due.basis.{row['basis']}"),
        status_label(row["status"]),
        row["reported_on"],
        lines.label(row["source"], row["span"]),
    ]


def _undated_row(row: Mapping[str, Any], lines: SourceLines) -> list[Any]:
    return [
        _units(row),
        row["document"],
        row["task_path"],
        row["task"],
        row["deadline_text"],
        status_label(row["status"]),
        lines.label(row["source"], row["span"]),
    ]


def due_sheets(report: DueReport, lines: SourceLines) -> list[Sheet]:
    """Overdue and falling-due obligations (the CSV's one table: a `due.kind` column tells them apart), then
    the counts per department and per document, then the obligations without a deadline."""
    main = [[t("due.overdue"), *_row(r, lines)] for r in report.overdue]
    main += [[t("due.falling_due"), *_row(r, lines)] for r in report.due]
    return [
        Sheet("due.sheet.due", ("due.kind", *DUE_COLUMNS), main),
        Sheet(
            "due.sheet.departments",
            ("department", *COUNT_COLUMNS),
            [[e["department"], e["overdue"], e["due"], e["undated"]] for e in report.by_department],
        ),
        Sheet(
            "due.sheet.documents",
            ("document", *COUNT_COLUMNS),
            [[e["document"], e["overdue"], e["due"], e["undated"]] for e in report.by_document],
        ),
        Sheet("due.sheet.undated", UNDATED_COLUMNS, [_undated_row(r, lines) for r in report.undated]),
    ]


def due_summary(report: DueReport) -> str:
    statuses = t("view.list_sep").join(f"{status_label(s)} {n}" for s, n in report.statuses.items())
    return t(
        "due.summary",
        as_of=report.as_of,
        overdue=len(report.overdue),
        within=report.within,
        due=len(report.due),
        undated=len(report.undated),
        finished=report.finished,
        statuses=statuses,
    )


def due_markdown(report: DueReport, lines: SourceLines) -> str:
    return to_markdown(due_sheets(report, lines), t("due.title", as_of=report.as_of), due_summary(report))


def _sec(key: str, *parts: str, count: int | None = None) -> str:
    title = t(key) + (f" ({count})" if count is not None else "")
    return section(title, *parts, anchor_of=LABELS[key][1])


def _html_rows(rows: Iterable[Mapping[str, Any]], lines: SourceLines) -> list[list[str]]:
    out = []
    for r in rows:
        cells = [esc(v) for v in _row(r, lines)]
        cells[5] = f'<span class="task">{esc(r["task"])}</span>'
        cells[8] = status_badge(r["status"])
        cells[10] = evidence(lines.label(r["source"], r["span"]), lines.quote(r["source"], r["span"]))
        out.append(cells)
    return out


def status_badge(status: str | None) -> str:
    colour = STATUS_COLOURS[status or "unreported"]
    return f'<span class="status" style="color:{colour}">● {esc(status_label(status))}</span>'


def due_html(report: DueReport, lines: SourceLines | None = None) -> str:
    """The offline page: counts, overdue, falling due, per department and document, then the undated."""
    lines = lines or SourceLines()
    headers = [t(k) for k in DUE_COLUMNS]
    undated = []
    for r in report.undated:
        cells = [esc(v) for v in _undated_row(r, lines)]
        cells[3] = f'<span class="task">{esc(r["task"])}</span>'
        cells[5] = status_badge(r["status"])
        cells[6] = evidence(lines.label(r["source"], r["span"]), lines.quote(r["source"], r["span"]))
        undated.append(cells)
    counts = [[esc(e["department"]), esc(e["overdue"]), esc(e["due"]), esc(e["undated"])] for e in report.by_department]
    docs = [[esc(e["document"]), esc(e["overdue"]), esc(e["due"]), esc(e["undated"])] for e in report.by_document]
    return page(
        t("due.title", as_of=report.as_of),
        esc(due_summary(report)),
        [
            _sec("due.sec.overdue", table(headers, _html_rows(report.overdue, lines), [1]), count=len(report.overdue)),
            _sec("due.sec.due", table(headers, _html_rows(report.due, lines), [1]), count=len(report.due)),
            _sec("due.sec.departments", table([t(k) for k in ("department", *COUNT_COLUMNS)], counts, [1, 2, 3])),
            _sec("due.sec.documents", table([t(k) for k in ("document", *COUNT_COLUMNS)], docs, [1, 2, 3])),
            _sec("due.sec.undated", table([t(k) for k in UNDATED_COLUMNS], undated), count=len(report.undated)),
        ],
    )


def template_sheet(rows: list[dict[str, Any]]) -> Sheet:
    """The progress template: TEMPLATE_COLUMNS headers (always Chinese: they are what `status import` reads)."""
    for row in rows:
        row["role"] = "、".join(role(r) for r in str(row.get("role") or "").split("、") if r)
    return Sheet("进展填报", [zh for _, zh in TEMPLATE_COLUMNS], template_rows(rows))


def status_section(progress: Mapping[str, Any], lines: SourceLines) -> str:
    """A page section (`DueReport.for_tasks`): tasks per latest status (unreported included), then the overdue."""
    counts, overdue = progress["statuses"], progress["overdue"]
    order = [*STATUSES, "unreported"]
    cells = [[status_badge(None if s == "unreported" else s), esc(counts.get(s, 0))] for s in order]
    parts = [
        f'<p class="meta">{esc(t("due.index_note", as_of=progress["as_of"], overdue=len(overdue)))}</p>',
        table([t("due.status"), t("tasks")], cells, [1]),
    ]
    if overdue:
        parts.append(f"<h3>{esc(t('due.sec.overdue'))} ({len(overdue)})</h3>")
        parts.append(table([t(k) for k in DUE_COLUMNS], _html_rows(overdue, lines), [1]))
    return _sec("due.sec.status", *parts)
