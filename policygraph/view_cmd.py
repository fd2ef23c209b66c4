"""`policygraph view department | document | chain | jurisdiction`: one interactive HTML network view each.

Each command reads the view's data (viz/views.py), writes it as a self-contained page (viz/network.py) and prints
its path; an unknown name is one line listing close matches.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from graph.store import open_store
from loaders.errors import ConfigError
from loaders.files import check_output, is_stdout
from policygraph.console import cli_errors, err, out
from policygraph.graph_cmd import AsPrintedOption, DbOption, StoreOption
from viz.views import MAX_NODES, MIN_NODES, VIEWS, View

view_app = typer.Typer(
    help="Interactive network views (HTML, offline): a department, a document, a citation chain, a jurisdiction.",
    no_args_is_help=True,
)

OutOption = Annotated[
    Path | None, typer.Option("-o", "--output", help="HTML file to write (default out/views/…; -: stdout).")
]
MaxNodesOption = Annotated[
    int,
    typer.Option(
        "--max-nodes", help=f"Larger views keep the top departments by load and their tasks (at least {MIN_NODES})."
    ),
]


LangOption = Annotated[str, typer.Option("--lang", help="zh (default) | en: legend, search box, tooltips, title.")]


def run_view(
    kind: str,
    key: str,
    output: Path | None,
    max_nodes: int,
    store: str | None,
    db: Path | None,
    lang: str = "zh",
    as_printed: bool = False,
) -> tuple[View, Path]:
    from viz.labels import check_lang, use_lang

    language = check_lang(lang)
    if max_nodes < MIN_NODES:
        raise ConfigError(f"--max-nodes must be at least {MIN_NODES} (the subject and what it links), not {max_nodes}")
    check_output(output)  # a device or a folder is refused before the store opens
    from viz.network import default_path, write_view  # pyvis: imported by the commands that draw

    build: Callable[..., View] = VIEWS[kind]
    with use_lang(language):  # tooltips and titles are written as the view is read
        with open_store(store, db) as graph:
            view = build(graph, key, max_nodes, as_printed=as_printed)
        path = write_view(view, output or default_path(kind, view.subject))
    return view, path


def _show(view: View, path: Path, lang: str = "zh") -> None:
    from viz.labels import check_lang, t, use_lang

    with use_lang(check_lang(lang)):
        line = t("view.wrote", title=view.title, nodes=len(view.nodes), edges=len(view.edges))
        err.print(line + (t("sep") + view.note if view.note else ""))
    if not is_stdout(path):  # with -o - the page itself went to stdout
        out.print(str(path))


@view_app.command("department")
@cli_errors
def department_cmd(
    name: Annotated[str, typer.Argument(help="Its name, a name as written, or its key (宝鸡市/科技).")],
    output: OutOption = None,
    max_nodes: MaxNodesOption = MAX_NODES,
    lang: LangOption = "zh",
    as_printed: AsPrintedOption = False,
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """A department's ego network: its tasks, co-responsible departments, their documents and upstream policies."""
    _show(*run_view("department", name, output, max_nodes, store, db, lang, as_printed), lang)


@view_app.command("document")
@cli_errors
def document_cmd(
    doc_no: Annotated[str, typer.Argument(help="Its 文号 (宝政发〔2022〕17号), title or subject.")],
    output: OutOption = None,
    max_nodes: MaxNodesOption = MAX_NODES,
    lang: LangOption = "zh",
    as_printed: AsPrintedOption = False,
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """A document: its tasks, their departments by role and indicators, its issuers and citations."""
    _show(*run_view("document", doc_no, output, max_nodes, store, db, lang, as_printed), lang)


@view_app.command("chain")
@cli_errors
def chain_cmd(
    policy: Annotated[str, typer.Argument(help="A 文号 or title, e.g. 国家标准化发展纲要.")],
    output: OutOption = None,
    max_nodes: MaxNodesOption = MAX_NODES,
    lang: LangOption = "zh",
    as_printed: AsPrintedOption = False,
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """A policy's citation tree, upstream and downstream, down to the lead and responsible departments."""
    _show(*run_view("chain", policy, output, max_nodes, store, db, lang, as_printed), lang)


@view_app.command("jurisdiction")
@cli_errors
def jurisdiction_cmd(
    name: Annotated[str, typer.Argument(help="A city or county, e.g. 宝鸡市.")],
    tasks: Annotated[
        bool, typer.Option("--tasks", help="Draw the department–task network instead of who works with whom.")
    ] = False,
    output: OutOption = None,
    max_nodes: MaxNodesOption = MAX_NODES,
    lang: LangOption = "zh",
    as_printed: AsPrintedOption = False,
    store: StoreOption = None,
    db: DbOption = None,
) -> None:
    """Who works with whom in a city or county: departments sized by load, joined where they share tasks
    (width: how many), coloured by community; --tasks: its department–task network."""
    kind = "jurisdiction" if tasks else "collaboration"
    _show(*run_view(kind, name, output, max_nodes, store, db, lang, as_printed), lang)


def register(app: typer.Typer) -> None:
    """Add the `view` command group to the app."""
    app.add_typer(view_app, name="view")
