"""`policygraph report due`: obligations overdue and falling due as of a date, with their latest progress.

Thin: graph/status.due_report answers, viz/supervision.py renders (tables, markdown, the offline page).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer

from policygraph.console import at_least, cli_errors, out
from policygraph.graph_cmd import DbOption, StoreOption
from policygraph.report_cmd import (
    FormatOption,
    LangOption,
    OutputOption,
    _check_format,
    _emit,
    _emit_tables,
    _facts_table,
    _print_wide,
    _report_data,
    report_app,
)
from policygraph.status_cmd import parse_day


@report_app.command("due")
@cli_errors
def due_cmd(
    as_of: Annotated[str | None, typer.Option("--as-of", help="The day to judge by, ISO (default: today).")] = None,
    within: Annotated[int, typer.Option(help="Falling due: within this many days after --as-of.")] = 30,
    fmt: FormatOption = "table",
    output: OutputOption = None,
    lang: LangOption = "zh",
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """Overdue and falling-due obligations as of a date, per department (the body that exists now) and per document,
    with the task's text, deadline words, source line and latest reported status; those without a deadline apart."""
    from graph.status import due_report
    from viz.labels import t, use_lang
    from viz.supervision import due_html, due_markdown, due_sheets, due_summary

    language = _check_format(fmt, output, lang)
    at_least("--within", within, 0)
    day = parse_day("--as-of", as_of) or date.today()
    report, lines = _report_data(store, db, due_report, day, within)
    with use_lang(language):
        if fmt == "json":
            _emit(json.dumps(report.as_json(), ensure_ascii=False, indent=1) + "\n", output)
        elif fmt == "html":
            _emit(due_html(report, lines), output)
        elif fmt == "markdown":
            _emit(due_markdown(report, lines), output)
        elif fmt != "table":
            _emit_tables(fmt, due_sheets(report, lines), output)
        else:
            out.print(due_summary(report))
            main, departments, _, undated = due_sheets(report, lines)
            rows = [[*r[:6], str(r[6])[:50], *r[7:]] for r in main.rows]
            _print_wide(_facts_table(t("due.sheet.due"), list(main.columns), rows))
            _print_wide(_facts_table(t("due.sheet.departments"), list(departments.columns), departments.rows))
            rows = [[*r[:3], str(r[3])[:40], *r[4:]] for r in undated.rows]
            _print_wide(_facts_table(t("due.sheet.undated") + f" ({len(rows)})", list(undated.columns), rows))


def register(app: typer.Typer) -> None:
    """The command is on `report_app` once this module is imported."""
