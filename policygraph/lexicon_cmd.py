"""`policygraph lexicon …`: how department names resolve, and jieba's user dictionary built from them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from loaders.errors import ConfigError
from loaders.files import check_output
from policygraph.console import cli_errors, err, out

lexicon_app = typer.Typer(help="The department lexicon (data/departments.tsv).", no_args_is_help=True)


@lexicon_app.command("resolve")
@cli_errors
def resolve(
    names: Annotated[str, typer.Argument(help="A responsibility list as printed, e.g. '市农牧业局、规划局、住建委'.")],
    jurisdiction: Annotated[str | None, typer.Option(help="The document's jurisdiction, e.g. 宝鸡市.")] = None,
) -> None:
    """Show how a list of department names is split, restored, keyed and qualified."""
    from loaders.departments import department_key, qualify, split_units  # the lexicon: loaded when used

    units = split_units(names)
    if not units:
        raise ConfigError(f"no department name recognised in {names!r}")
    table = Table(title="departments", title_justify="left")
    for column in ("mention", "name", "function", "kind", "known", "successor", "department_id", "qualified"):
        table.add_column(column)
    for u in units:
        table.add_row(
            u.mention,
            u.name,
            u.function or "-",
            u.kind,
            "yes" if u.known else "no",
            u.successor or "-",
            department_key(u, jurisdiction),
            qualify(u.name, jurisdiction),
        )
    out.print(table)


@lexicon_app.command("jieba-dict")
@cli_errors
def jieba_dict(
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the user dictionary.")] = Path(
        "out/jieba_userdict.txt"
    ),
) -> None:
    """Write jieba's user dictionary (every department name and alias, tag nt)."""
    from loaders.departments import write_jieba_userdict

    check_output(output)  # a device or a folder is refused
    count = write_jieba_userdict(output)
    err.print(f"wrote {count} entries to {output}")
