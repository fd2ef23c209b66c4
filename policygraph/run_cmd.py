"""`policygraph run`: the main job on a corpus, writing everything it produces into one folder.

Extraction (out/records.jsonl), the evaluation where gold exists (out/eval.txt), the graph
(the embedded store out/graph.db, or --store), the load report (out/load.md, load.html, load.json, load.csv, load.xlsx; the
scores written back to the Department nodes), the HTML reports (out/reports/) and the network views
(out/views/).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph.store import open_store
from loaders.errors import ConfigError
from loaders.files import atomic_writer
from policygraph.console import cli_errors, err, out
from policygraph.eval_cmd import evaluate, score_table
from policygraph.extract_cmd import collect, report, write_jsonl
from policygraph.graph_cmd import AsPrintedOption, DbOption, StoreOption, run_ingest


def register(app: typer.Typer) -> None:
    @app.command("run")
    @cli_errors
    def run(
        corpus: Annotated[Path, typer.Argument(help="Corpus directory or files.")] = Path("data/corpus"),
        out_dir: Annotated[Path, typer.Option("--out", help="Folder for everything the job writes.")] = Path("out"),
        gold: Annotated[Path, typer.Option("--gold", help="Gold directory; skipped when absent.")] = Path("data/gold"),
        store: StoreOption = None,
        db: DbOption = None,
        weights: Annotated[
            str | None, typer.Option(help="Role weights of the load report, e.g. lead=1,responsible=1,support=0.5.")
        ] = None,
        lang: Annotated[str, typer.Option("--lang", help="zh (default) | en: the reports' and views' words.")] = "zh",
        rebuild: Annotated[
            bool, typer.Option("--rebuild", help="Empty the graph first (a graph an older policygraph wrote).")
        ] = False,
        as_printed: AsPrintedOption = False,
    ) -> None:
        """Run the main job: extract, score against gold, ingest into the graph, write the load report, the HTML
        reports and the network views."""
        # the whole library, imported here rather than when any command starts
        from graph.analytics import parse_weights
        from graph.load import write_scores
        from viz.labels import check_lang, use_lang
        from viz.network import write_views
        from viz.reports import load_report
        from viz.site import write_site

        parsed = parse_weights(weights)  # bad weights fail before any work
        language = check_lang(lang)
        if out_dir.exists() and not out_dir.is_dir():
            raise ConfigError(f"{out_dir}: not a folder (--out names the folder the job writes into)")
        results = collect([corpus])
        records = out_dir / "records.jsonl"
        count = write_jsonl(results, records)
        code = report(results, list_warnings=False)
        err.print(f"wrote {count} records to {records}")
        if gold.exists():
            table = score_table(evaluate(records, gold, None))
            out.print(table)
            with atomic_writer(out_dir / "eval.txt") as fh:
                Console(file=fh, width=100).print(table)
            err.print(f"wrote {out_dir / 'eval.txt'}")
        with open_store(store, db or (None if store else out_dir / "graph.db"), mode="create") as graph:
            code = max(code, run_ingest([corpus], graph, rebuild=rebuild))
            with use_lang(language):
                analysis = load_report(graph, parsed, as_printed=as_printed)
                if not as_printed:  # the scores on the nodes are those of the bodies that exist now
                    write_scores(graph, analysis)
                written = write_site(graph, out_dir, analysis)
                views = write_views(graph, out_dir, as_printed=as_printed)
        err.print(
            f"wrote the load report ({out_dir / 'load.md'}, .html, .json, .csv, .xlsx), {len(written) - 5} HTML reports "
            f"in {out_dir / 'reports'} and {sum(p.suffix == '.html' for p in views) - 1} network views in {views[-1].parent} (index: {views[-1]})"
        )
        if code:
            raise typer.Exit(code)
