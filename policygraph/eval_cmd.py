"""`policygraph eval`: precision, recall and F1 of extracted records against gold files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from loaders import to_json
from loaders.errors import ConfigError
from loaders.reader import TEXT_SUFFIXES
from policygraph.console import cli_errors, out
from policygraph.extract_cmd import collect, report

if TYPE_CHECKING:  # the scorer is imported by the commands that score
    from loaders.scoring import ScoreReport


def predicted_records(pred: Path | None, corpus: Path | None, gold: dict[str, list[Any]]) -> list[dict[str, Any]]:
    from loaders.scoring import load_jsonl

    if (pred is None) == (corpus is None):
        raise ConfigError("give either PRED.jsonl or --corpus DIR (one of them)")
    if pred is not None:
        if not pred.is_file():
            raise ConfigError(f"{pred}: no such file")
        try:
            return load_jsonl(pred)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
    assert corpus is not None
    if corpus.is_dir():
        paths = [p for p in sorted(corpus.iterdir()) if p.stem in gold and p.suffix.lower() in TEXT_SUFFIXES]
    else:
        paths = [corpus]
    results = collect(paths)
    report(results, list_warnings=False)
    return [to_json(r) for result in results for r in result.records]


def evaluate(pred: Path | None, gold_path: Path, corpus: Path | None, whole: bool | None = None) -> ScoreReport:
    """Score predicted records (a file, or a corpus extracted on the fly) against gold. `whole`:
    each file is one document; None reads it from the gold folder's marker file."""
    from loaders.scoring import load_gold, one_document_per_file, score

    if not gold_path.exists():
        raise ConfigError(f"{gold_path}: no such gold file or directory")
    try:
        gold = load_gold(gold_path)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    if not gold:
        raise ConfigError(f"{gold_path}: no gold .jsonl files")
    if whole is None:
        whole = one_document_per_file(gold_path)
    return score(predicted_records(pred, corpus, gold), gold, one_document_per_file=whole)


def score_table(result: ScoreReport) -> Table:
    table = Table(title="evaluation", title_justify="left")
    table.add_column("metric")
    table.add_column("score", justify="right")
    for name, value in result.rows():
        table.add_row(name, value)
    return table


def register(app: typer.Typer) -> None:
    @app.command("eval")
    @cli_errors
    def eval_(
        pred: Annotated[Path | None, typer.Argument(help="Predicted records (JSON Lines from `extract`).")] = None,
        gold: Annotated[Path, typer.Option("--gold", help="Gold .jsonl file or directory.")] = Path("data/gold"),
        corpus: Annotated[
            Path | None, typer.Option("--corpus", help="Extract this corpus directory and score it in one go.")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
        whole: Annotated[
            bool | None,
            typer.Option(
                "--one-document-per-file/--documents-as-found",
                help="Score each file as one document (default: on when the gold folder holds a file "
                "named one-document-per-file).",
            ),
        ] = None,
    ) -> None:
        """Score extracted records against hand-made gold (FORMAT.md matching rules)."""
        result = evaluate(pred, gold, corpus, whole)
        if as_json:
            out.print_json(json.dumps(dict(result.rows()), ensure_ascii=False))
        else:
            out.print(score_table(result))
