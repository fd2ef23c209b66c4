"""`policygraph query list | show | run` over the packs in queries/, and `policygraph bench queries`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from graph.store import open_store
from loaders.errors import ConfigError, QueryError
from loaders.files import atomic_writer, check_output, is_stdout, write_bytes
from policygraph.console import above_zero, at_least, cli_errors, err, out
from policygraph.graph_cmd import DbOption, StoreOption
from queries import packs
from queries.render import FILE_FORMATS, FORMATS, TEXT_FORMATS, cell
from queries.runner import QueryResult, run_cypher, run_query

query_app = typer.Typer(help="Canned Cypher query packs (queries/) and read-only ad-hoc Cypher.", no_args_is_help=True)

CSV_ENCODING = "utf-8-sig"  # viz.tables.CSV_ENCODING, without importing viz when the command starts
CELL_LIMIT = 120  # the terminal table cuts long clauses; csv, json and markdown keep them whole
ParamOption = Annotated[
    list[str] | None,
    typer.Option("--param", "-p", help="key=value, once per parameter (passed as a Cypher parameter)."),
]


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param takes key=value, not {pair!r}")
        params[key.strip()] = value
    return params


def result_table(result: QueryResult, title: str) -> Table:
    from viz.labels import column

    table = Table(title=title, title_justify="left", show_lines=False)
    for name in result.columns:
        table.add_column(column(name), overflow="fold")
    for row in result.rows:
        table.add_row(*(cell(row.get(c), c, CELL_LIMIT) for c in result.columns))
    return table


def headers(result: QueryResult) -> list[str]:
    """The result's column names in the language in use (viz/labels.py); unknown names as they are."""
    from viz.labels import column

    return [column(c) for c in result.columns]


def xlsx(result: QueryResult, title: str) -> bytes:
    from viz.tables import Sheet, to_xlsx

    def value(raw: object, name: str) -> object:
        return raw if isinstance(raw, (int, float, str)) and not isinstance(raw, bool) else cell(raw, name)

    rows = [[value(row.get(c), c) for c in result.columns] for row in result.rows]
    return to_xlsx([Sheet(title.replace("/", " "), headers(result), rows)])


def render(result: QueryResult, fmt: str, title: str) -> None:
    from viz.labels import t

    if fmt == "table":
        out.print(result_table(result, title))
        err.print(t("cli.rows", n=len(result.rows)))
    else:
        text = TEXT_FORMATS[fmt](result, headers(result))
        out.print(text, end="", markup=False, highlight=False, soft_wrap=True)


@query_app.command("list")
@cli_errors
def list_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print the queries as JSON.")] = False,
    lang: Annotated[str, typer.Option("--lang", help="zh (default) | en: the headings and descriptions.")] = "zh",
) -> None:
    """The packs and their queries, with what each answers and its parameters."""
    from viz.labels import check_lang, t, use_lang

    language = check_lang(lang)
    registry = packs.registry()
    if as_json:
        rows = [
            {"name": q.name, "zh": q.zh, "en": q.en, "params": [p.signature() for p in q.params], "returns": q.returns}
            for q in registry.values()
        ]
        out.print(json.dumps(rows, ensure_ascii=False, indent=2), markup=False, highlight=False)
        return
    with use_lang(language):
        table = Table(title=t("cli.query_packs"), title_justify="left")
        for column in ("cli.query", "cli.description", "cli.parameters"):
            table.add_column(t(column), overflow="fold")
    for queries in packs.packs(registry).values():
        table.add_section()
        for q in queries:
            described = q.zh if language == "zh" else q.en
            table.add_row(q.name, described, "\n".join(p.signature() for p in q.params) or "-")
    out.print(table)


@query_app.command("show")
@cli_errors
def show_cmd(
    name: Annotated[str, typer.Argument(help="pack/query (or the bare query name), e.g. chain/downstream.")],
    browser: Annotated[
        bool, typer.Option("--browser", help="Put Neo4j Browser `:param` lines (defaults, examples) first.")
    ] = False,
) -> None:
    """The query's Cypher, header and all, ready to paste (Neo4j Browser, redis-cli GRAPH.QUERY …)."""
    query = packs.get(name)
    if browser:
        for p in query.params:
            value = query.example.get(p.name)
            typed = p.convert(value) if value is not None else p.default
            out.print(f":param {p.name} => {json.dumps(typed, ensure_ascii=False)}", markup=False, highlight=False)
    out.print(query.cypher.rstrip("\n"), markup=False, highlight=False)


@query_app.command("run")
@cli_errors
def run_cmd(
    name: Annotated[str | None, typer.Argument(help="pack/query to run (see `query list`).")] = None,
    param: ParamOption = None,
    cypher: Annotated[
        str | None, typer.Option("--cypher", help="Ad-hoc read-only Cypher instead of a canned query.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | csv | json | markdown | xlsx")] = "table",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write csv/json/markdown/xlsx here (xlsx needs a file).")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="zh (default) | en: the column headers (JSON keys stay).")] = "zh",
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """Run a canned query with --param key=value …, or --cypher "MATCH …" (writes are refused)."""
    from viz.labels import check_lang, use_lang

    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    language = check_lang(lang)
    if fmt in FILE_FORMATS and is_stdout(output):
        raise ConfigError(f"--format {fmt} writes a file: add -o FILE.{fmt}")
    if (name is None) == (cypher is None):
        raise QueryError('give a query name or --cypher "MATCH …" (one of them); `policygraph query list` lists them')
    if output is not None:
        if fmt == "table":
            raise ConfigError("-o/--output writes csv, json or markdown: add --format")
        check_output(output)  # a device or a folder is refused before the store opens
    params = parse_params(param)
    query = packs.get(name) if name is not None else None
    if query is not None:
        query.bind(params)  # a missing or badly typed parameter is reported before the store opens
    from viz.sources import SourceLines, file_lines

    with open_store(store, db) as graph:
        result = run_query(graph, query, params) if query is not None else run_cypher(graph, cypher or "", params)
        lines = SourceLines.of(graph) if "source" in result.columns else None
    result = QueryResult(*file_lines(result.columns, result.rows, lines))  # task rows: `source` as file:line
    title = query.name if query is not None else "cypher"
    with use_lang(language):
        if fmt != "json":  # JSON keeps the codes, and the owner's name and kind apart, for programs
            from viz.labels import shown_row

            result = QueryResult(result.columns, [shown_row(r) for r in result.rows])
        if output is not None and not is_stdout(output):
            if fmt in FILE_FORMATS:
                write_bytes(output, xlsx(result, title))
            else:
                encoding = CSV_ENCODING if fmt == "csv" else "utf-8"  # the BOM Excel wants
                with atomic_writer(output, encoding=encoding) as fh:
                    fh.write(TEXT_FORMATS[fmt](result, headers(result)))
            err.print(f"wrote {len(result.rows)} rows to {output}")
            return
        render(result, fmt, title)


def bench_queries_cmd(
    corpus: Annotated[Path, typer.Argument(help="Sample corpus the synthetic one is built from.")] = Path(
        "data/corpus"
    ),
    documents: Annotated[int, typer.Option(help="Synthetic documents to ingest.")] = 1000,
    runs: Annotated[int, typer.Option(help="Timed runs per query; the median is reported.")] = 5,
    budget_ms: Annotated[float, typer.Option("--budget-ms", help="Time a query should stay under.")] = 200.0,
    commands_db: Annotated[
        Path | None,
        typer.Option("--commands-db", help="Time the commands on this store (default: the bench's own)."),
    ] = None,
) -> None:
    """Every canned query, RUNS times each, on a synthetic corpus ingested into a fresh embedded store; then
    `info` and a canned `query run` as cold processes, end to end, beside `policygraph --help` (the floor)."""
    from queries.bench import bench_queries

    at_least("--documents", documents, 1)
    at_least("--runs", runs, 1)
    above_zero("--budget-ms", budget_ms)

    result = bench_queries(corpus, documents=documents, runs=runs, budget_ms=budget_ms, commands_db=commands_db)
    table = Table(
        title=f"bench queries ({result.documents:,} documents, embedded FalkorDB, median of {runs})",
        title_justify="left",
    )
    for column, justify in (
        ("query", "left"),
        ("rows", "right"),
        ("median ms", "right"),
        (f"< {budget_ms:g} ms", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for timing in result.timings:
        ok = "yes" if timing.median_ms < budget_ms else "[bold red]NO[/]"
        table.add_row(timing.name, f"{timing.rows:,}", f"{timing.median_ms:.1f}", ok)
    out.print(table)
    commands = Table(
        title=f"commands end to end (cold process, median of {runs}, on {result.commands_store})", title_justify="left"
    )
    for column in ("command", "median s", "over --help"):
        commands.add_column(column, justify="left" if column == "command" else "right")
    floor = result.commands[0].median_s
    for command in result.commands:
        extra = "" if command is result.commands[0] else f"{command.median_s - floor:+.3f}"
        commands.add_row(command.command, f"{command.median_s:.3f}", extra)
    out.print(commands)
    err.print(
        f"ingest: {result.ingest_seconds:.1f} s; {result.nodes:,} nodes ({result.status_reports:,} progress reports), "
        f"{result.relationships:,} relationships; "
        f"{result.over_budget} of {len(result.timings)} queries over {budget_ms:g} ms"
    )


def register(app: typer.Typer) -> None:
    """Add the `query` command group (and its `bench` command) to the app."""
    from policygraph.bench_cmd import bench_app

    app.add_typer(query_app, name="query")
    bench_app.command("queries")(cli_errors(bench_queries_cmd))
