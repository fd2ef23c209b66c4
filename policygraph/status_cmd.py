"""`policygraph status template | import | history`: the obligations sent out as a sheet, progress read back.

Thin: graph/status.py answers, loaders/status.py reads the sheets, viz/supervision.py lays out the template.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from graph.store import open_store
from loaders.errors import ConfigError
from loaders.files import check_output
from policygraph.console import cli_errors, err, out
from policygraph.graph_cmd import DbOption, StoreOption

status_app = typer.Typer(
    help="Supervision: progress templates sent to departments, their filled sheets read back.", no_args_is_help=True
)


def parse_day(option: str, value: str | None) -> date | None:
    """A date option: an ISO date (2019-01-01); a year or a month stands for its first day."""
    from queries.packs import DATE_BOUND

    if value is None:
        return None
    text = value.strip()
    if not DATE_BOUND.match(text):
        raise ConfigError(f"{option} takes an ISO date (2019-01-01), not {value!r}")
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        raise ConfigError(f"{option}: {value!r} is not a day of the calendar") from None


@status_app.command("template")
@cli_errors
def template_cmd(
    output: Annotated[Path, typer.Option("--output", "-o", help="The sheet to write: FILE.xlsx or FILE.csv.")],
    department: Annotated[
        str | None, typer.Option(help="Only this department's obligations (its current body, former names included).")
    ] = None,
    document: Annotated[str | None, typer.Option(help="Only this document's obligations (文号 or title).")] = None,
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """Write a progress sheet: one row per obligation (task id, document, task, role, deadline, source), in printed
    order, with empty 进展状态 / 完成日期 / 进展说明 / 填报人 columns for the department to fill in."""
    from graph.status import template
    from loaders.files import write_bytes, write_text
    from viz import tables
    from viz.supervision import template_sheet

    suffix = output.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ConfigError(f"{output}: a template is .xlsx or .csv")
    check_output(output)
    with open_store(store, db) as graph:
        rows = template(graph, department, document)
    sheet = template_sheet(rows)
    if suffix == ".xlsx":
        write_bytes(output, tables.to_xlsx([sheet]))
    else:
        write_text(output, tables.to_csv([sheet]), tables.CSV_ENCODING)
    err.print(f"wrote {output}: {len(rows)} obligations")


@status_app.command("import")
@cli_errors
def import_cmd(
    files: Annotated[list[Path], typer.Argument(help="Filled sheets (.xlsx, or .csv in UTF-8 or GBK).")],
    reported_on: Annotated[
        str | None, typer.Option("--date", help="The day these reports are dated (default: today), ISO.")
    ] = None,
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """Read filled sheets back: each row a dated report on its task (kept as history; the latest is its status).
    A sheet with a bad row (unknown task id or status, unreadable date) is refused whole; exit 1."""
    from graph.status import import_sheet
    from loaders.files import check_input
    from loaders.status import read_sheet

    day = parse_day("--date", reported_on) or date.today()
    for path in files:
        check_input(path)
    sheets = [read_sheet(path) for path in files]  # every file read (and its errors found) before any write
    refused = 0
    with open_store(store, db, mode="write") as graph:
        graph.ensure_schema()
        for sheet in sheets:
            result = import_sheet(graph, sheet, day)
            if result.refused:
                refused += 1
                err.print(f"error: {sheet.file}: refused, nothing imported ({len(result.problems)} bad rows):")
                for problem in result.problems:
                    err.print(f"  {problem}")
            else:
                out.print(
                    f"{sheet.file}: {result.added} reports added, {result.unchanged} already imported, "
                    f"{result.blank} rows left blank (dated {day.isoformat()})"
                )
    if refused:
        raise typer.Exit(1)


@status_app.command("history")
@cli_errors
def history_cmd(
    task_id: Annotated[str, typer.Argument(help="A task id, as the template's 任务ID column gives it.")],
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """Every progress report on one task, oldest first; the last is its status."""
    from graph.status import task_history
    from policygraph.report_cmd import _print_wide
    from viz.labels import t
    from viz.supervision import status_label

    with open_store(store, db) as graph:
        rows = task_history(graph, task_id)
    table = Table(title=task_id, title_justify="left")
    for key in ("due.reported_on", "due.status", "done_on", "note", "reporter", "source"):
        table.add_column(t(key))
    for row in rows:
        table.add_row(
            row["reported_on"],
            status_label(row["status"]) + (" ←" if row["latest"] else ""),
            row["done_on"] or "",
            row["note"] or "",
            row["reporter"] or "",
            f"{row['file']}:{row['row']}",
        )
    if rows:
        _print_wide(table)
    else:
        out.print(f"{task_id}: no progress reported")


def register(app: typer.Typer) -> None:
    app.add_typer(status_app, name="status")
