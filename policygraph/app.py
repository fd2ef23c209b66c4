"""The `policygraph` command: a thin Typer app over loaders/, graph/, queries/ and viz/.

Each command module registers itself on `app`; errors become one line and an exit code.
"""

from __future__ import annotations

import typer

from policygraph import (
    bench_cmd,
    due_cmd,
    eval_cmd,
    extract_cmd,
    graph_cmd,
    lexicon_cmd,
    query_cmd,
    report_cmd,
    run_cmd,
    status_cmd,
    view_cmd,
)
from policygraph.help import ClassicHelpGroup

app = typer.Typer(
    name="policygraph",
    cls=ClassicHelpGroup,
    help="Turn Chinese government policy documents into a knowledge graph of obligations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
extract_cmd.register(app)
eval_cmd.register(app)
graph_cmd.register(app)
run_cmd.register(app)
app.add_typer(bench_cmd.bench_app, name="bench")
app.add_typer(lexicon_cmd.lexicon_app, name="lexicon")
query_cmd.register(app)
report_cmd.register(app)
view_cmd.register(app)
due_cmd.register(app)
status_cmd.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
