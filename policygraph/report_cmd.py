"""`policygraph report load | department | document | chain`, and `policygraph bench analytics`.

Each command calls one library function (viz/reports.py, graph/analytics_bench.py) and renders it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

from graph.store import open_store
from loaders.errors import ConfigError
from loaders.files import atomic_writer, check_output, is_stdout
from policygraph.console import above_zero, at_least, cli_errors, err, out
from policygraph.graph_cmd import DbOption, StoreOption

# the analytics and the report pages (networkx, the extractor's title rules) are imported by the commands
# that use them: every command starts faster

report_app = typer.Typer(
    help="Reports: who carries the load, one department, one document, a chain.", no_args_is_help=True
)

FormatOption = Annotated[str, typer.Option("--format", "-f", help="table | markdown | html | csv | json")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")]


def _check_format(fmt: str, allowed: tuple[str, ...], output: Path | None) -> None:
    """Bad --format and -o (a device, a folder) fail before the store opens."""
    if fmt not in allowed:
        raise ConfigError(f"unknown format {fmt!r}: use one of {', '.join(allowed)}")
    check_output(output)


def _emit(text: str, output: Path | None) -> None:
    with atomic_writer(output) as fh:
        fh.write(text)
    if not is_stdout(output):
        err.print(f"wrote {output}")


def _report_dir(output: Path | None) -> Path:
    return (Path.cwd() if is_stdout(output) else output.parent).resolve()  # type: ignore[union-attr]


def load_table(result: dict[str, Any], limit: int | None) -> Table:
    from viz import reports

    table = Table(title="department load", title_justify="left", caption=reports.load_header(result))
    for key, title in reports.LOAD_COLUMNS:
        table.add_column(title, justify="left" if key == "name" else "right")
    for row in result["departments"][:limit] if limit else result["departments"]:
        table.add_row(*(reports._cell(row.get(k)) for k, _ in reports.LOAD_COLUMNS))
    return table


def _print_wide(table: Table) -> None:
    """The table at its natural width even on a narrow terminal: names and numbers whole, never cut to "…"."""
    width = Measurement.get(out, out.options.update(max_width=1000), table).maximum
    Console(highlight=False, soft_wrap=True, width=max(out.width, width)).print(table)


def _facts_table(title: str, headers: list[str], rows: list[list[Any]]) -> Table:
    table = Table(title=title, title_justify="left")
    for name in headers:
        table.add_column(name)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    return table


@report_app.command("load")
@cli_errors
def load_cmd(
    jurisdiction: Annotated[
        str | None, typer.Option(help="Only departments of this jurisdiction (e.g. 宝鸡市).")
    ] = None,
    document: Annotated[str | None, typer.Option(help="Only the tasks of this document (文号 or title).")] = None,
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
    fmt: FormatOption = "table",
    output: OutputOption = None,
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """Rank departments by weighted load, with centrality and communities on the co-responsibility graph."""
    from graph import analytics
    from graph.load import write_scores
    from viz import pages, reports
    from viz.sources import SourceLines

    _check_format(fmt, reports.FORMATS, output)
    at_least("--limit", limit, 1)
    parsed = analytics.parse_weights(weights)
    write_back = write_back and jurisdiction is None and document is None  # scores of the whole graph only
    with open_store(store, db, mode="write" if write_back else "read") as graph:
        result = reports.load_report(graph, parsed, jurisdiction, document, analytics.SEED if seed is None else seed)
        if write_back:
            write_scores(graph, result)
    if fmt == "table":
        _print_wide(load_table(result, limit))
    elif fmt == "html":
        _emit(pages.load_html(result, _report_dir(output), SourceLines()), output)
    else:
        render = {"markdown": reports.load_markdown, "csv": reports.load_csv, "json": reports.load_json}[fmt]
        _emit(render(result, limit), output)


@report_app.command("department")
@cli_errors
def department_cmd(
    name: Annotated[str, typer.Argument(help="Department: full name (宝鸡市科技局), key (宝鸡市/科技) or name end.")],
    fmt: FormatOption = "table",
    output: OutputOption = None,
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """Everything about one department: scores, tasks with their source lines, partners, deadlines."""
    from viz import pages, reports
    from viz.sources import SourceLines

    _check_format(fmt, ("table", "html", "json"), output)
    with open_store(store, db) as graph:
        data = reports.department_report(graph, name)
    if fmt == "json":
        _emit(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n", output)
    elif fmt == "html":
        _emit(pages.department_html(data, _report_dir(output)), output)
    else:
        dept, lines = data["department"], SourceLines()
        out.print(
            f"{dept.get('name')} ({dept.get('department_id')}): {len(data['tasks'])} tasks, load {dept.get('load')}"
        )
        rows = [
            [
                t["doc_no"] or t["title"],
                t["path"],
                t["role"],
                str(t["text"])[:60],
                t["deadline"],
                lines.label(t["source"], t["span"]),
            ]
            for t in data["tasks"]
        ]
        _print_wide(_facts_table("tasks", ["document", "path", "role", "task", "deadline", "source"], rows))
        _print_wide(
            _facts_table(
                "shares most tasks with", ["department", "tasks"], [[p["name"], p["shared"]] for p in data["partners"]]
            )
        )


@report_app.command("document")
@cli_errors
def document_cmd(
    doc_no: Annotated[str, typer.Argument(help="The document's 文号 (or title).")],
    fmt: FormatOption = "table",
    output: OutputOption = None,
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """Everything about one document: its tasks and who carries them, indicators, citations."""
    from viz import pages, reports
    from viz.sources import SourceLines

    _check_format(fmt, ("table", "html", "json"), output)
    with open_store(store, db) as graph:
        data = reports.document_report(graph, doc_no)
    if fmt == "json":
        _emit(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n", output)
    elif fmt == "html":
        _emit(pages.document_html(data, _report_dir(output)), output)
    else:
        doc, lines = data["document"], SourceLines()
        out.print(f"{doc.get('doc_no') or ''} {doc.get('title')} ({lines.label(doc.get('source'), doc.get('span'))})")
        _print_wide(
            _facts_table("departments", ["department", "tasks"], [[d["name"], d["tasks"]] for d in data["departments"]])
        )
        rows = [
            [
                t["path"],
                str(t["text"])[:50],
                "、".join(d["name"] for d in t["departments"]),
                t["deadline"],
                lines.label(t["source"], t["span"]),
            ]
            for t in data["tasks"]
        ]
        _print_wide(_facts_table("tasks", ["path", "task", "departments", "deadline", "source"], rows))
        _print_wide(
            _facts_table(
                "cites",
                ["文号", "title", "relation"],
                [[c["doc_no"], c["title"], c["relation"]] for c in data["cites"]],
            )
        )


@report_app.command("chain")
@cli_errors
def chain_cmd(
    key: Annotated[str, typer.Argument(help="The document's 文号 or title.")],
    depth: Annotated[int, typer.Option(help="Follow citations this many hops up.")] = 8,
    fmt: FormatOption = "table",
    output: OutputOption = None,
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """The upstream chain of a document: what it implements and cites, and what those cite, up to DEPTH."""
    from viz import pages, reports

    _check_format(fmt, ("table", "html", "json"), output)
    at_least("--depth", depth, 1)
    with open_store(store, db) as graph:
        data = reports.chain_report(graph, key, depth)
    if fmt == "json":
        _emit(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n", output)
    elif fmt == "html":
        _emit(pages.chain_html(data, _report_dir(output)), output)
    else:
        root = data["root"]
        rows = [
            [
                d["depth"],
                "  " * (d["depth"] - 1) + str(d["doc_no"] or ""),
                d["title"],
                d["level"],
                d["relation"],
                "stub" if d["stub"] else d["source"],
            ]
            for level in data["levels"]
            for d in level
        ]
        title = f"upstream of {root.get('doc_no') or root.get('title')}"
        _print_wide(_facts_table(title, ["depth", "文号", "title", "level", "relation", "source"], rows))


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

    result = run(corpus, documents, db, target)
    table = Table(title=f"bench analytics (embedded FalkorDB, {documents:,} documents)", title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for name, value in result.rows():
        table.add_row(name, value)
    out.print(table)


def register(app: typer.Typer) -> None:
    """Add the `report` command group (and its `bench` command) to the app."""
    from policygraph.bench_cmd import bench_app

    app.add_typer(report_app, name="report")
    bench_app.command("analytics")(cli_errors(bench_analytics))
