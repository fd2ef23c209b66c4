"""Portable sources (graph/sources.py): named from the folder given to ingest, found where the graph records
that folder from any working directory, one source whatever the spelling of its path, the stored text quoted
when the file is gone."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph import cypher, export
from graph.ingest import ingest, remove
from graph.sources import SourceNames
from graph.store import open_store
from policygraph.app import app
from viz.sources import SourceLines

ROOT = Path(__file__).resolve().parents[2]
WEINAN = "weinan-standardization-plan-2023.txt"
BAOJI = "baoji-innovation-city-tasks-2018.txt"
runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder: corpus/ with two files, the store to be in out/."""
    corpus = tmp_path / "proj" / "corpus"
    corpus.mkdir(parents=True)
    for name in (WEINAN, BAOJI):
        shutil.copy(ROOT / "data" / "corpus" / name, corpus)
    return tmp_path / "proj"


def _ingest(project: Path, *paths: Path | str) -> None:
    with contextlib.chdir(project), open_store(None, Path("out/g.db"), mode="create") as store:
        report = ingest(store, [Path(p) for p in paths], jobs=1)
        assert not report.errors, report.errors


def _texts(store_path: Path) -> list[str]:
    """Every string property of every node and relationship."""
    with open_store(None, store_path) as store:
        values = [v for _, props in export.nodes(store) for v in props.values()]
        values += [v for *_, props in export.relationships(store) for v in props.values()]
    return [x for v in values for x in (v if isinstance(v, list) else [v]) if isinstance(x, str)]


def test_no_path_of_the_ingesting_machine_is_stored(project: Path) -> None:
    _ingest(project, "corpus")
    db = project / "out" / "g.db"
    texts = _texts(db)
    assert not [x for x in texts if str(project) in x or x.startswith("/")]
    with open_store(None, db) as store:
        rows = store.read(cypher.SOURCE_ROOTS)
    assert sorted(r["path"] for r in rows) == [f"corpus/{BAOJI}", f"corpus/{WEINAN}"]
    assert {r["root"] for r in rows} == {".."}  # the folder's parent, from the store's folder out/


def test_one_file_by_any_spelling_of_its_path_is_one_source(project: Path) -> None:
    _ingest(project, "corpus")
    spellings = [f"corpus/{WEINAN}", f"./corpus/../corpus/{WEINAN}", project / "corpus" / WEINAN, project, "."]
    for spelling in spellings:
        with contextlib.chdir(project), open_store(None, Path("out/g.db"), mode="write") as store:
            report = ingest(store, [Path(spelling)], jobs=1)
            assert (report.ingested, report.skipped) == (0, report.files), spelling
            assert len(store.read(cypher.SOURCE_STATE)) == 2, spelling


def test_a_file_given_alone_is_named_from_its_folder_and_namesakes_stay_apart(tmp_path: Path) -> None:
    for place in ("a", "b"):
        (tmp_path / place / "corpus").mkdir(parents=True)
        shutil.copy(ROOT / "data" / "corpus" / WEINAN, tmp_path / place / "corpus" / WEINAN)
    with contextlib.chdir(tmp_path), open_store(None, Path("g.db"), mode="create") as store:
        ingest(store, [Path("a/corpus") / WEINAN], jobs=1)
        ingest(store, [Path("b/corpus")], jobs=1)
        rows = {r["path"]: r["root"] for r in store.read(cypher.SOURCE_ROOTS)}
        names = SourceNames.of(store)
        assert rows == {f"corpus/{WEINAN}": "a", f"b/corpus/{WEINAN}": "."}
        assert names.file(f"b/corpus/{WEINAN}").resolve() == (tmp_path / "b" / "corpus" / WEINAN).resolve()
        # remove by a path on disk (any spelling) or by the stored name
        assert remove(store, [Path("./b/corpus/") / WEINAN]).removed == 1
        assert remove(store, [Path(f"corpus/{WEINAN}")]).removed == 1
        assert store.read(cypher.SOURCE_STATE) == []


def _document_html(db: Path, out: Path) -> str:
    result = runner.invoke(
        app, ["report", "document", "渭政发〔2023〕16号", "--format", "html", "-o", str(out), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_reports_and_views_find_the_evidence_from_another_working_directory(project: Path, tmp_path: Path) -> None:
    _ingest(project, "corpus")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    first_task = (project / "corpus" / WEINAN).read_text(encoding="utf-8")
    os.chdir(elsewhere)  # the autouse fixture puts the working directory back
    db = project / "out" / "g.db"
    page = _document_html(db, elsewhere / "doc.html")
    assert f"{WEINAN}:" in page and "不可读" not in page  # file:line, quoted from the file
    with open_store(None, db) as store:
        lines = SourceLines.of(store)
        row = store.read(
            "MATCH (t:Task) WHERE t.source ENDS WITH $name RETURN t.source AS source, t.span AS span LIMIT 1",
            {"name": WEINAN},
        )[0]
        quoted = lines.quote(row["source"], row["span"])
        assert quoted and quoted in first_task
    view = runner.invoke(
        app, ["view", "document", "渭政发〔2023〕16号", "-o", str(elsewhere / "v.html"), "--db", str(db)]
    )
    assert view.exit_code == 0, view.output
    assert f"{WEINAN}:" in (elsewhere / "v.html").read_text(encoding="utf-8")
    # the project moved as a whole (store and corpus): still found
    moved = tmp_path / "moved"
    project.rename(moved)
    assert f"{WEINAN}:" in _document_html(moved / "out" / "g.db", elsewhere / "doc2.html")


def test_a_gone_folder_quotes_the_stored_text_and_says_so(project: Path, tmp_path: Path) -> None:
    _ingest(project, "corpus")
    shutil.rmtree(project / "corpus")
    page = _document_html(project / "out" / "g.db", tmp_path / "doc.html")
    assert f"〔{WEINAN} 不可读：引自图谱所存文本〕" in page
    with open_store(None, project / "out" / "g.db") as store:
        lines = SourceLines.of(store)
        row = store.read("MATCH (t:Task) RETURN t.source AS source, t.span AS span, t.text AS text LIMIT 1")[0]
        assert lines.label(row["source"], row["span"]) == Path(row["source"]).name  # no line: no file
        assert lines.quote(row["source"], row["span"]) == ""
        assert lines.quote(row["source"], row["span"], stored=row["text"]).endswith(row["text"][:500])
