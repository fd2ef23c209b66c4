"""`policygraph bench …`: throughput measured in one run against a named baseline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from loaders.errors import ConfigError
from policygraph.console import at_least, cli_errors, out


def print_measures(title: str, rows: list[tuple[str, str]], align: str = "right") -> None:
    table = Table(title=title, title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right" if align == "right" else "left")
    for name, value in rows:
        table.add_row(name, value)
    out.print(table)


bench_app = typer.Typer(help="Benchmarks: speed measured against a baseline in the same run.", no_args_is_help=True)


@bench_app.command("extract")
@cli_errors
def bench_extract(
    corpus: Annotated[Path, typer.Argument(help="Corpus directory.")] = Path("data/corpus"),
    repeat: Annotated[int, typer.Option(help="Timed runs per measurement; the best is kept.")] = 3,
    scale: Annotated[int, typer.Option(help="Also time the corpus concatenated this many times.")] = 10,
) -> None:
    """Extraction throughput vs plain jieba.lcut over the same text, and linearity at SCALE×."""
    from loaders.bench import bench_extract as run

    at_least("--repeat", repeat, 1)
    at_least("--scale", scale, 1)

    result = run(corpus, repeat=repeat, scale=scale)
    print_measures("bench extract", result.rows())


@bench_app.command("ingest")
@cli_errors
def bench_ingest(
    corpus: Annotated[Path, typer.Argument(help="Sample corpus the synthetic one is built from.")] = Path(
        "data/corpus"
    ),
    sizes: Annotated[str, typer.Option(help="Comma-separated document counts.")] = "100,1000,10000",
    compare: Annotated[int, typer.Option(help="Documents for the batched vs row-by-row comparison.")] = 100,
    rounds: Annotated[int, typer.Option(help="Turns each writer takes (the best is kept).", min=1)] = 3,
) -> None:
    """Extract + write synthetic corpora into fresh embedded stores; batched vs row-by-row writer."""
    from graph.bench import bench_ingest as run

    try:
        counts = tuple(int(n) for n in sizes.split(",") if n.strip())
    except ValueError:
        raise ConfigError(f"--sizes takes comma-separated whole numbers, not {sizes!r}") from None
    if not counts or min(counts) < 1:
        raise ConfigError(f"--sizes takes document counts of at least 1, not {sizes!r}")
    at_least("--compare", compare, 1)
    result = run(corpus, counts, compare, rounds)
    print_measures("bench ingest (embedded FalkorDB)", result.rows(), align="left")


@bench_app.command("views")
@cli_errors
def bench_views(
    corpus: Annotated[Path, typer.Argument(help="Corpus directory.")] = Path("data/corpus"),
    limit: Annotated[int, typer.Option(help="Department views rendered each way.")] = 100,
) -> None:
    """Rendering network views: templates compiled once per process vs once per page (pyvis's own way)."""
    from viz.bench import bench_views as run

    at_least("--limit", limit, 2)
    result = run(corpus, limit)
    print_measures("bench views", result.rows())
