"""`policygraph run`: the main job on a corpus, writing everything it produces into one folder.

Extraction (out/records.jsonl), the evaluation where gold exists (out/eval.txt), and the graph
(the embedded store out/graph.db, or --store).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph.store import open_store
from policygraph.console import cli_errors, err, out
from policygraph.eval_cmd import evaluate, score_table
from policygraph.extract_cmd import collect, report, write_jsonl
from policygraph.graph_cmd import DbOption, StoreOption, run_ingest


def register(app: typer.Typer) -> None:
    @app.command("run")
    @cli_errors
    def run(
        corpus: Annotated[Path, typer.Argument(help="Corpus directory or files.")] = Path("data/corpus"),
        out_dir: Annotated[Path, typer.Option("--out", help="Folder for everything the job writes.")] = Path("out"),
        gold: Annotated[Path, typer.Option("--gold", help="Gold directory; skipped when absent.")] = Path("data/gold"),
        store: StoreOption = None,
        db: DbOption = None,
    ) -> None:
        """Run the main job: extract the corpus, score it against gold, and ingest it into the graph."""
        results = collect([corpus])
        records = out_dir / "records.jsonl"
        count = write_jsonl(results, records)
        code = report(results, list_warnings=False)
        err.print(f"wrote {count} records to {records}")
        if gold.exists():
            table = score_table(evaluate(records, gold, None))
            out.print(table)
            with (out_dir / "eval.txt").open("w", encoding="utf-8") as fh:
                Console(file=fh, width=100).print(table)
            err.print(f"wrote {out_dir / 'eval.txt'}")
        with open_store(store, db or (None if store else out_dir / "graph.db")) as graph:
            code = max(code, run_ingest([corpus], graph, rebuild=False))
        if code:
            raise typer.Exit(code)
