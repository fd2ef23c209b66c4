"""`policygraph ingest | remove | info | export`: the graph store from the command line."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress
from rich.table import Table

from graph.export import EXPORTERS
from graph.store import GraphStore, open_store
from loaders.errors import ConfigError
from loaders.reader import iter_input_files
from policygraph.console import cli_errors, err, out, show_progress

if TYPE_CHECKING:  # ingest and the extractor are imported by the commands that write, not by every command
    from graph.ingest import IngestReport
    from loaders import FileResult

StoreOption = Annotated[
    str | None,
    typer.Option("--store", help="neo4j://…, bolt://…, falkordb://host:port; default: the embedded file."),
]
DbOption = Annotated[
    Path | None, typer.Option("--db", help="Embedded database file (default $POLICYGRAPH_DB or out/graph.db).")
]
AsPrintedOption = Annotated[
    bool,
    typer.Option(
        "--as-printed",
        help="Keep names abolished by a reform (卫计局) apart from the body that exists now (卫健委).",
    ),
]


def report_table(report: IngestReport, title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("what")
    table.add_column("before", justify="right")
    table.add_column("after", justify="right")
    table.add_column("change", justify="right")
    for name, before, after in report.changes():
        table.add_row(name, str(before), str(after), f"{after - before:+d}")
    return table


def print_report(report: IngestReport, store: GraphStore) -> int:
    out.print(report_table(report, f"graph at {store.location}"))
    warn = " ".join(f"{c}×{n}" for c, n in sorted(report.warnings.items())) or "none"
    err.print(
        f"files: {report.files} read, {report.ingested} ingested, {report.skipped} unchanged, "
        f"{report.removed} removed; documents: {report.documents}; warnings: {warn}; {report.seconds:.1f} s"
    )
    for message in report.errors:
        err.print(f"[bold red]error:[/] {message}")
    return 1 if report.errors else 0


def run_ingest(paths: list[Path], store: GraphStore, rebuild: bool, jobs: int | None = None) -> int:
    from graph.ingest import ingest

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise ConfigError(f"no such file or directory: {', '.join(missing)}")
    total = len(list(iter_input_files(paths)))
    with Progress(console=err, transient=True, disable=not show_progress()) as progress:
        task = progress.add_task("ingesting", total=total)

        def advance(path: Path, result: FileResult | None) -> None:
            docs = f" ({len(result.documents)} documents)" if result and not result.error else ""
            progress.update(task, advance=1, description=f"{path.name}{docs}")

        report = ingest(store, paths, rebuild=rebuild, on_file=advance, jobs=jobs)
    return print_report(report, store)


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    @cli_errors
    def ingest_cmd(
        paths: Annotated[list[Path], typer.Argument(help="Files or directories to read.")],
        store: StoreOption = None,
        db: DbOption = None,
        rebuild: Annotated[bool, typer.Option("--rebuild", help="Empty the graph first.")] = False,
        jobs: Annotated[
            int | None,
            typer.Option(
                "--jobs",
                "-j",
                min=1,
                help="Processes extracting files (default: one per core; 1: extract here). Same graph either way.",
            ),
        ] = None,
    ) -> None:
        """Extract and write the graph; unchanged files are skipped, changed ones replaced."""
        with open_store(store, db, mode="create") as graph:
            code = run_ingest(paths, graph, rebuild, jobs)
        if code:
            raise typer.Exit(code)

    @app.command("remove")
    @cli_errors
    def remove_cmd(
        paths: Annotated[
            list[Path],
            typer.Argument(
                help="Sources to take out: files or folders on disk (any spelling), or names as stored (corpus/a.txt)."
            ),
        ],
        store: StoreOption = None,
        db: DbOption = None,
    ) -> None:
        """Take sources out of the graph: their tasks, indicators and citations go with them."""
        from graph.ingest import remove

        with open_store(store, db, mode="write") as graph:
            code = print_report(remove(graph, paths), graph)
        if code:
            raise typer.Exit(code)

    @app.command("info")
    @cli_errors
    def info_cmd(store: StoreOption = None, db: DbOption = None) -> None:
        """The store, its location, and counts per label and relationship type."""
        with open_store(store, db) as graph:
            labels, rels = graph.counts()
            out.print(f"store: {graph.kind}\nlocation: {graph.location}")
            table = Table(title="contents", title_justify="left")
            table.add_column("label / relationship")
            table.add_column("count", justify="right")
            for name, count in sorted(labels.items()):
                table.add_row(f"(:{name})", str(count))
            for name, count in sorted(rels.items()):
                table.add_row(f"[:{name}]", str(count))
            out.print(table)

    @app.command("export")
    @cli_errors
    def export_cmd(
        directory: Annotated[Path, typer.Argument(help="Folder to write into.")],
        fmt: Annotated[str, typer.Option("--format", help="graphml | jsonl | neo4j-admin")] = "jsonl",
        store: StoreOption = None,
        db: DbOption = None,
    ) -> None:
        """Write the graph out: JSON Lines (default), GraphML, or neo4j-admin import CSV."""
        if fmt not in EXPORTERS:
            raise ConfigError(f"unknown format {fmt!r}: use one of {', '.join(EXPORTERS)}")
        if directory.exists() and not directory.is_dir():
            raise ConfigError(f"{directory}: not a folder (export writes its files into a folder)")
        with open_store(store, db) as graph:
            exported = EXPORTERS[fmt](graph, directory)
        for path in exported.files:
            err.print(f"wrote {path}")
        if exported.command:  # what to run next, on stdout: the import, from the folder written
            out.print(f"cd {shlex.quote(str(directory))} && {exported.command}", markup=False)
