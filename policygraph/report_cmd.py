"""`policygraph report load | department | document | chain | compare`, and `policygraph bench analytics`.

Each command calls one library function (viz/reports.py, graph/analytics_bench.py) and renders it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

from graph.store import open_store
from loaders.errors import ConfigError
from loaders.files import atomic_writer, check_output, is_stdout
from policygraph.console import above_zero, at_least, cli_errors, err, out
from policygraph.graph_cmd import AsPrintedOption, DbOption, StoreOption

if TYPE_CHECKING:
    from viz.labels import Lang
    from viz.sources import SourceLines
    from viz.tables import Sheet

# the analytics and the report pages (networkx, the extractor's title rules) are imported by the commands
# that use them: every command starts faster

# the period of the documents counted (their signing date): load, compare
SinceOption = Annotated[
    str | None, typer.Option(help="Only documents dated on or after this: a year (2018) or ISO date (2018-05-01).")
]
UntilOption = Annotated[
    str | None, typer.Option(help="Only documents dated up to this: a year (2022) or ISO date (2022-12-31).")
]

report_app = typer.Typer(
    help="Reports: who carries the load, one department, one document, a chain.", no_args_is_help=True
)

FormatOption = Annotated[str, typer.Option("--format", "-f", help="table | markdown | html | csv | json | xlsx")]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout; xlsx needs a file).")
]
LangOption = Annotated[str, typer.Option("--lang", help="zh (default) | en: headings, column names, roles.")]


def _check_format(fmt: str, output: Path | None, lang: str) -> Lang:
    """Bad --format, --lang and -o (a device, a folder; none for xlsx) fail before the store opens."""
    from viz.labels import check_lang
    from viz.reports import FILE_FORMATS, FORMATS

    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt in FILE_FORMATS and is_stdout(output):
        raise ConfigError(f"--format {fmt} writes a file: add -o FILE.{fmt}")
    check_output(output)
    return check_lang(lang)


def _emit(text: str, output: Path | None, encoding: str = "utf-8") -> None:
    with atomic_writer(output, encoding=encoding) as fh:
        fh.write(text)
    if not is_stdout(output):
        err.print(f"wrote {output}")


def _emit_tables(fmt: str, sheets: list[Sheet], output: Path | None, title: str = "") -> None:
    """csv (with the BOM Excel wants, in a file), markdown or xlsx of a report's tables."""
    from loaders.files import write_bytes
    from viz import tables

    if fmt == "xlsx":
        write_bytes(output, tables.to_xlsx(sheets))  # type: ignore[arg-type]  # _check_format: a file
        err.print(f"wrote {output}")
    elif fmt == "csv":
        _emit(tables.to_csv(sheets), output, "utf-8" if is_stdout(output) else tables.CSV_ENCODING)
    else:
        _emit(tables.to_markdown(sheets, title), output)


def _emit_report(
    fmt: str,
    data: dict[str, Any],
    html: Callable[[], str],
    sheets: Callable[[], list[Sheet]],
    output: Path | None,
    title: str,
) -> bool:
    """A department, document or chain report as json, html or tables (csv, markdown, xlsx); False for the
    terminal table, which each command prints its own way."""
    if fmt == "json":
        _emit(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n", output)
    elif fmt == "html":
        _emit(html(), output)
    elif fmt != "table":
        _emit_tables(fmt, sheets(), output, title)
    else:
        return False
    return True


def load_tables(result: dict[str, Any], limit: int | None) -> list[Table]:
    """One table per jurisdiction (or one across places with --all-places); the header under the last."""
    from viz import reports
    from viz.labels import t

    sections = reports.ranked_sections(result, limit)
    tables = []
    for k, (place, rows) in enumerate(sections):
        title = f"{t('cli.load')} · {reports.section_title(place, bool(result.get('all_places')))}"
        caption = reports.load_header(result) if k == len(sections) - 1 else None
        table = Table(title=title, title_justify="left", caption=caption)
        for key in reports.RANKING_COLUMNS:
            table.add_column(t(key), justify="left" if key in ("name", "jurisdiction") else "right")
        for row in rows:
            table.add_row(*(reports._cell(row.get(key)) for key in reports.RANKING_COLUMNS))
        tables.append(table)
    return tables


def _print_wide(table: Table) -> None:
    """The table at its natural width even on a narrow terminal: names and numbers whole, never cut to "…"."""
    width = Measurement.get(out, out.options.update(max_width=1000), table).maximum
    Console(highlight=False, soft_wrap=True, width=max(out.width, width)).print(table)


def _facts_table(title: str, headers: list[str], rows: list[list[Any]]) -> Table:
    from viz.labels import t

    table = Table(title=t(title), title_justify="left")
    for name in headers:
        table.add_column(t(name))
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    return table


def _period(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """--since/--until checked (a year or an ISO date) before any work."""
    from viz.reports import check_date_bound

    return check_date_bound("--since", since), check_date_bound("--until", until)


def _report_data(store: str | None, db: Path | None, build: Callable[..., Any], *args: Any) -> tuple[Any, SourceLines]:
    """What `build(graph, *args)` reads for a report, and where the graph records its sources (for the evidence),
    in one opening of the store."""
    from viz.sources import SourceLines

    with open_store(store, db) as graph:
        return build(graph, *args), SourceLines.of(graph)


@report_app.command("load")
@cli_errors
def load_cmd(
    jurisdiction: Annotated[
        str | None, typer.Option(help="Only departments of this jurisdiction (e.g. 宝鸡市).")
    ] = None,
    document: Annotated[str | None, typer.Option(help="Only the tasks of this document (文号 or title).")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    weights: Annotated[
        str | None, typer.Option(help="Role weights, e.g. lead=1,responsible=1,support=0.5 (responsible is shared).")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Show the first N departments (default: all).")] = None,
    seed: Annotated[
        int | None,
        typer.Option(help="Seed of the community detection and betweenness sampling (default: a fixed one)."),
    ] = None,
    write_back: Annotated[
        bool, typer.Option("--write-back/--no-write-back", help="Store the scores on the Department nodes.")
    ] = True,
    as_printed: AsPrintedOption = False,
    all_places: Annotated[
        bool,
        typer.Option("--all-places", help="One ranking across jurisdictions (default: one section per jurisdiction)."),
    ] = False,
    fmt: FormatOption = "table",
    output: OutputOption = None,
    lang: LangOption = "zh",
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """Rank departments by weighted load within each jurisdiction, with centrality and communities on the
    co-responsibility graph."""
    from graph import analytics
    from graph.load import write_scores
    from viz import pages, reports
    from viz.labels import use_lang
    from viz.sources import SourceLines

    language = _check_format(fmt, output, lang)
    at_least("--limit", limit, 1)
    parsed = analytics.parse_weights(weights)
    since, until = _period(since, until)
    # scores of the whole graph, current bodies only
    write_back = write_back and jurisdiction is None and document is None and since is None and until is None
    write_back = write_back and not as_printed
    seed = analytics.SEED if seed is None else seed
    with open_store(store, db, mode="write" if write_back else "read") as graph, use_lang(language):
        result = reports.load_report(
            graph, parsed, jurisdiction, document, seed, since, until, as_printed, all_places=all_places
        )
        lines = SourceLines.of(graph)
        if write_back:
            write_scores(graph, result)
    with use_lang(language):
        if fmt == "table":
            for table in load_tables(result, limit):
                _print_wide(table)
        elif fmt == "html":
            _emit(pages.load_html(result, lines), output)
        elif fmt == "json":
            _emit(reports.load_json(result, limit), output)
        elif fmt == "markdown":
            _emit(reports.load_markdown(result, limit), output)
        else:
            _emit_tables(fmt, reports.load_sheets(result, limit), output)


@report_app.command("department")
@cli_errors
def department_cmd(
    name: Annotated[str, typer.Argument(help="Department: full name (宝鸡市科技局), key (宝鸡市/科技) or name end.")],
    fmt: FormatOption = "table",
    output: OutputOption = None,
    lang: LangOption = "zh",
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """Everything about one department: scores, tasks with their source lines, partners, deadlines."""
    from viz import pages, reports
    from viz.labels import t, use_lang

    language = _check_format(fmt, output, lang)
    data, lines = _report_data(store, db, reports.department_report, name)
    with use_lang(language):
        dept = data["department"]
        html, tables = partial(pages.department_html, data, lines), partial(reports.department_sheets, data, lines)
        if not _emit_report(fmt, data, html, tables, output, f"{dept.get('name')}"):
            line = t(
                "cli.dept_line",
                name=dept.get("name"),
                id=dept.get("department_id"),
                n=len(data["tasks"]),
                load=dept.get("load"),
            )
            out.print(line)
            sheets = reports.department_sheets(data, lines)
            rows = [[*row[:3], str(row[3])[:60], *row[4:6]] for row in sheets[0].rows]
            _print_wide(_facts_table("cli.tasks", list(sheets[0].columns[:6]), rows))
            _print_wide(_facts_table("cli.partners", ["department", "tasks"], sheets[1].rows))


@report_app.command("document")
@cli_errors
def document_cmd(
    doc_no: Annotated[str, typer.Argument(help="The document's 文号 (or title).")],
    fmt: FormatOption = "table",
    output: OutputOption = None,
    lang: LangOption = "zh",
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """Everything about one document: its tasks and who carries them, indicators, citations."""
    from viz import pages, reports
    from viz.labels import use_lang

    language = _check_format(fmt, output, lang)
    data, lines = _report_data(store, db, reports.document_report, doc_no)
    with use_lang(language):
        doc = data["document"]
        title = f"{doc.get('doc_no') or ''} {doc.get('title')}".strip()
        html, tables = partial(pages.document_html, data, lines), partial(reports.document_sheets, data, lines)
        if not _emit_report(fmt, data, html, tables, output, title):
            out.print(f"{title} ({lines.label(doc.get('source'), doc.get('span'))})")
            tasks, _, departments, cites = reports.document_sheets(data, lines)
            _print_wide(_facts_table("cli.departments", ["department", "tasks"], departments.rows))
            rows = [[row[0], str(row[1])[:50], row[2], row[4], row[5]] for row in tasks.rows]
            _print_wide(_facts_table("cli.tasks", ["path", "task", "departments", "deadline", "source"], rows))
            _print_wide(_facts_table("cli.cites", ["doc_no", "title", "relation"], [r[:3] for r in cites.rows]))


@report_app.command("chain")
@cli_errors
def chain_cmd(
    key: Annotated[str, typer.Argument(help="The document's 文号 or title.")],
    depth: Annotated[int, typer.Option(help="Follow citations this many hops up.")] = 8,
    fmt: FormatOption = "table",
    output: OutputOption = None,
    lang: LangOption = "zh",
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """The upstream chain of a document: what it implements and cites, and what those cite, up to DEPTH."""
    from viz import pages, reports
    from viz.labels import t, use_lang

    language = _check_format(fmt, output, lang)
    at_least("--depth", depth, 1)
    data, lines = _report_data(store, db, reports.chain_report, key, depth)
    with use_lang(language):
        root = data["root"]
        title = t("cli.upstream_of", doc=root.get("doc_no") or root.get("title"))
        html, tables = partial(pages.chain_html, data, lines), partial(reports.chain_sheets, data, lines)
        if not _emit_report(fmt, data, html, tables, output, title):
            sheet = reports.chain_sheets(data, lines)[0]
            rows = [[row[0], "  " * (int(row[0]) - 1) + str(row[1] or ""), *row[2:4], *row[5:]] for row in sheet.rows]
            _print_wide(_facts_table(title, ["depth", "doc_no", "title", "level", "relation", "source"], rows))


@report_app.command("compare")
@cli_errors
def compare_cmd(
    jurisdictions: Annotated[list[str], typer.Argument(help="Two or more jurisdictions, e.g. 巴彦淖尔市 青铜峡市.")],
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: FormatOption = "table",
    output: OutputOption = None,
    lang: LangOption = "zh",
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """The upstream policies all the jurisdictions implement, and side by side what each assigned to whom."""
    from viz import pages, reports
    from viz.labels import t, use_lang

    language = _check_format(fmt, output, lang)
    since, until = _period(since, until)
    data, lines = _report_data(store, db, reports.compare_report, jurisdictions, since, until)
    with use_lang(language):
        title = f"{t('page.compare')} · {'、'.join(data['jurisdictions'])}"
        html, tables = partial(pages.compare_html, data, lines), partial(reports.compare_sheets, data, lines)
        if not _emit_report(fmt, data, html, tables, output, title):
            out.print(reports.compare_meta(data))
            for policy in data["policies"]:
                rows = [
                    [
                        place,
                        doc["document"],
                        task.get("task_path"),
                        str(task.get("task") or "")[:40],
                        "、".join(task.get("leads") or ()),
                        "、".join(task.get("responsible") or ()),
                        "、".join(task.get("support") or ()),
                        len(task.get("indicators") or ()),
                    ]
                    for place, docs in policy["jurisdictions"].items()
                    for doc in docs
                    for task in doc["tasks"] or [{}]
                ]
                # the compare columns but the section's own policy, the date and the evidence
                headers = [c for c in reports.COMPARE_COLUMNS if c not in ("policy", "date", "source", "evidence")]
                _print_wide(_facts_table(policy["policy"], headers, rows))


def bench_analytics(
    corpus: Annotated[Path, typer.Argument(help="Sample corpus the synthetic one is built from.")] = Path(
        "data/corpus"
    ),
    documents: Annotated[int, typer.Option(help="Synthetic documents to build and ingest.")] = 10000,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Reuse this graph (built on first use) instead of a fresh temporary one."),
    ] = None,
    target: Annotated[float, typer.Option(help="Target seconds for the analytics (not the ingest).")] = 30.0,
) -> None:
    """Analytics on the synthetic graph: read into NetworkX, metrics, centrality, communities, write-back."""
    from graph.analytics_bench import bench_analytics as run

    at_least("--documents", documents, 1)
    above_zero("--target", target)

    from policygraph.bench_cmd import print_measures

    result = run(corpus, documents, db, target)
    print_measures(f"bench analytics (embedded FalkorDB, {documents:,} documents)", result.rows())


def register(app: typer.Typer) -> None:
    """Add the `report` command group (and its `bench` command) to the app."""
    from policygraph.bench_cmd import bench_app

    app.add_typer(report_app, name="report")
    bench_app.command("analytics")(cli_errors(bench_analytics))
