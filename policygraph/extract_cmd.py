"""`policygraph extract`: documents and citations as JSON Lines, with a per-file summary."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress
from rich.table import Table

from loaders.errors import ConfigError
from loaders.files import atomic_writer, check_output, is_stdout
from loaders.reader import iter_input_files
from policygraph.console import cli_errors, err, show_progress

if TYPE_CHECKING:  # the extractor is imported when a command extracts, not when any command starts
    from loaders import FileResult


def collect(paths: list[Path]) -> list[FileResult]:
    """Extract every input file, with a progress bar on a terminal."""
    from loaders import extract_file

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise ConfigError(f"no such file or directory: {', '.join(missing)}")
    files = list(iter_input_files(paths))
    if not files:
        raise ConfigError(f"no .txt or .md files under {', '.join(map(str, paths))}")
    results: list[FileResult] = []
    with Progress(console=err, transient=True, disable=not show_progress()) as progress:
        task = progress.add_task("extracting", total=len(files))
        for path in files:
            progress.update(task, description=path.name)
            results.append(extract_file(path))
            progress.advance(task)
    return results


def write_jsonl(results: list[FileResult], output: Path | None) -> int:
    from loaders import to_json

    count = 0
    with atomic_writer(output) as fh:
        for result in results:
            for record in result.records:
                fh.write(json.dumps(to_json(record), ensure_ascii=False) + "\n")
                count += 1
    return count


def summary_table(results: list[FileResult]) -> Table:
    table = Table(title="extracted", title_justify="left")
    for name in ("file", "in docs", "documents", "citations", "tasks", "assignments", "indicators", "warnings"):
        table.add_column(name, justify="left" if name == "file" else "right")
    for r in results:
        codes = Counter(w.code for w in r.warnings)
        warn = " ".join(f"{c}×{n}" for c, n in sorted(codes.items())) or "-"
        if r.error:
            warn = "[red]unreadable[/]"
        assignments = sum(len(t.departments) for t in r.tasks)
        table.add_row(
            Path(r.source).name,
            "-" if r.error else f"{r.coverage:.0%}",
            *(str(n) for n in (len(r.documents), len(r.citations), len(r.tasks), assignments, len(r.indicators))),
            warn,
        )
    return table


def report(results: list[FileResult], list_warnings: bool) -> int:
    """Print the summary, the warnings and the errors; return the exit code."""
    err.print(summary_table(results))
    if list_warnings:
        for r in results:
            for w in r.warnings:
                where = f"{w.source}:{w.line}" if w.line else w.source
                err.print(f"{where}: {w.code} {w.message}", markup=False)
    failed = [r for r in results if r.error]
    for r in failed:
        err.print(f"[bold red]error:[/] {r.error}")
    return 1 if failed else 0


def register(app: typer.Typer) -> None:
    @app.command("extract")
    @cli_errors
    def extract(
        paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .md) or directories of them.")],
        output: Annotated[
            Path | None, typer.Option("-o", "--output", help="JSON Lines file (default or -: stdout).")
        ] = None,
        warnings: Annotated[bool, typer.Option("--warnings", help="List every warning with file:line.")] = False,
    ) -> None:
        """Extract documents, citations, tasks and indicators into JSON Lines (FORMAT.md records)."""
        check_output(output)  # a device, a folder: refused before any work
        results = collect(paths)
        failed = any(r.error for r in results)
        if not failed or is_stdout(output):
            write_jsonl(results, output)
        code = report(results, warnings)
        if failed and not is_stdout(output):
            err.print(f"{output} left as it was: it is replaced only when every input is read", markup=False)
        if code:
            raise typer.Exit(code)
